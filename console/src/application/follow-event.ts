// An event's journey: committed to its producer's outbox, published, then for every handler queue it was
// routed to whether it was handled, is still on its way (or retrying), or was dead-lettered.
import type { DeadLetter, OutboxRecord } from '@course-platform/messaging';
import type { PlatformMap } from '../domain/platform-map';
import type { DeadLetterStore, EmailRecord, ServiceDirectory } from './ports';

export type HandlerOutcome =
  | { state: 'handled'; at: string }
  | { state: 'dead-lettered'; deadLetter: DeadLetter }
  | { state: 'on its way'; note: string };

export interface Journey {
  eventId: string;
  /** Null when no service's outbox holds it (never committed, or older than the outbox's retention). */
  committed: (OutboxRecord & { service: string }) | null;
  handlers: Array<{ queue: string; service: string; outcome: HandlerOutcome }>;
  /** For `videos.created`: the email each enrolled student was sent. */
  emails: EmailRecord[] | null;
}

export class FollowEvent {
  constructor(
    private readonly map: PlatformMap,
    private readonly directory: ServiceDirectory,
    private readonly deadLetters: DeadLetterStore,
  ) {}

  async execute(eventId: string): Promise<Journey> {
    const records = await this.directory.eventRecords(eventId);
    const producer = records.find((record) => record.outbox !== null);
    const committed = producer?.outbox ? { ...producer.outbox, service: producer.service } : null;
    const handled = new Map(records.flatMap((record) => record.inbox.map((entry) => [entry.handler, entry.handledAt] as const)));
    const routed = committed ? this.map.queuesFor(committed.type) : this.map.handlerQueues.filter(({ queue }) => handled.has(queue));
    const handlers = await Promise.all(
      routed.map(async ({ queue, service }) => ({ queue, service, outcome: await this.outcome(queue, eventId, handled.get(queue)) })),
    );
    const emails = committed?.type === 'videos.created' ? await this.directory.emailsOf(eventId) : null;
    return { eventId, committed, handlers, emails };
  }

  private async outcome(queue: string, eventId: string, handledAt: string | undefined): Promise<HandlerOutcome> {
    if (handledAt) return { state: 'handled', at: handledAt };
    const deadLetter = (await this.deadLetters.list(queue).catch(() => ({ messages: [] as DeadLetter[] }))).messages.find(
      (message) => message.messageId === eventId,
    );
    if (deadLetter) return { state: 'dead-lettered', deadLetter };
    return { state: 'on its way', note: 'not handled yet: waiting in its queue or in a retry queue' };
  }
}
