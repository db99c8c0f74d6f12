// The services' /admin/* endpoints and /ready over HTTP, every replica of each. A replica that does not
// answer in time is reported as such; it never holds up the page.
import type { OutboxBacklog, OutboxRecord } from '@course-platform/messaging';
import { ADMIN_TOKEN_HEADER } from '@course-platform/service-kit';
import type { EmailRecord, EventRecords, ReplicaStatus, ServiceDirectory } from '../application/ports';
import { redactedText, redactedUrl } from '../domain/redacted-url';

export interface ServiceEndpoints {
  service: string;
  /** One base URL per replica. */
  urls: string[];
}

const TIMEOUT_MS = 1_500;

export class HttpServiceDirectory implements ServiceDirectory {
  constructor(
    private readonly endpoints: ServiceEndpoints[],
    private readonly adminToken: string | undefined,
  ) {}

  async statusOfAll(): Promise<Array<{ service: string; replicas: ReplicaStatus[] }>> {
    return Promise.all(
      this.endpoints.map(async ({ service, urls }) => ({ service, replicas: await Promise.all(urls.map((url) => this.replicaStatus(url))) })),
    );
  }

  async eventRecords(eventId: string): Promise<EventRecords[]> {
    return Promise.all(
      this.endpoints.map(async ({ service, urls }) => {
        const answer = await this.fromAnyReplica<{ outbox: OutboxRecord | null; inbox: EventRecords['inbox'] }>(urls, `/admin/events/${eventId}`);
        return { service, outbox: answer?.outbox ?? null, inbox: answer?.inbox ?? [] };
      }),
    );
  }

  async search(term: string): Promise<Array<OutboxRecord & { service: string }>> {
    const found = await Promise.all(
      this.endpoints.map(async ({ service, urls }) => {
        const answer = await this.fromAnyReplica<{ items: OutboxRecord[] }>(urls, `/admin/events?q=${encodeURIComponent(term)}`);
        return (answer?.items ?? []).map((record) => ({ ...record, service }));
      }),
    );
    return found.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async emailsOf(eventId: string): Promise<EmailRecord[]> {
    const users = this.endpoints.find(({ service }) => service === 'users');
    const answer = users ? await this.fromAnyReplica<{ items: EmailRecord[] }>(users.urls, `/admin/events/${eventId}/notifications`) : null;
    return answer?.items ?? [];
  }

  private async replicaStatus(url: string): Promise<ReplicaStatus> {
    const shown = redactedUrl(url);
    const unreachable = (problem: string): ReplicaStatus => ({
      url: shown,
      ready: false,
      checks: {},
      problem,
      version: null,
      instance: null,
      uptimeSeconds: null,
      outbox: null,
    });
    let ready: { status: number; body: { checks?: Record<string, string> } };
    try {
      const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      ready = { status: response.status, body: (await response.json()) as { checks?: Record<string, string> } };
    } catch (error) {
      return unreachable(`does not answer: ${redactedText(error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error))}`);
    }
    const checks = ready.body.checks ?? {};
    const down = Object.entries(checks).filter(([, state]) => state !== 'up').map(([name]) => name);
    const [status, outbox] = await Promise.all([
      this.get<{ version: string; instance: string; uptimeSeconds: number }>(url, '/admin/status').catch(() => null),
      this.get<OutboxBacklog>(url, '/admin/outbox').catch(() => null),
    ]);
    return {
      url: shown,
      ready: ready.status === 200,
      checks,
      problem: ready.status === 200 ? null : down.length > 0 ? `${down.join(' and ')} down` : `/ready answered ${ready.status}`,
      version: status?.version ?? null,
      instance: status?.instance ?? null,
      uptimeSeconds: status?.uptimeSeconds ?? null,
      outbox,
    };
  }

  /** The first replica's answer that comes; null when none answers. */
  private async fromAnyReplica<T>(urls: string[], path: string): Promise<T | null> {
    for (const url of urls) {
      const answer = await this.get<T>(url, path).catch(() => null);
      if (answer !== null) return answer;
    }
    return null;
  }

  private async get<T>(url: string, path: string): Promise<T> {
    const response = await fetch(`${url}${path}`, {
      headers: this.adminToken ? { [ADMIN_TOKEN_HEADER]: this.adminToken } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
