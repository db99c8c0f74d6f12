// An event's journey: committed to its producer's outbox, published, then for every handler queue it was
// routed to whether it was handled (and copies skipped as duplicates), is waiting for another attempt in a
// retry queue, was dead-lettered, or is still on its way.
import { retryDelayOf, type DeadLetter, type InboxRecord, type OutboxRecord, type RetryingCopy } from '@course-platform/messaging';
import type { PlatformMap } from '../domain/platform-map';
import type { BrokerStats, DeadLetterStore, EmailRecord, RetryQueues, ServiceDirectory } from './ports';

export type HandlerOutcome =
  | { state: 'handled'; at: string; duplicates: number }
  | { state: 'retrying'; copy: RetryingCopy; nextInSeconds: number | null }
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

/** A handler queue's retry queues among the broker's queues, shortest delay first: where a copy waits most often. */
function retryQueuesIn(names: readonly string[], handlerQueue: string): string[] {
  const delay = (name: string) => retryDelayOf(name) ?? Number.NaN;
  return names.filter((name) => name.startsWith(`${handlerQueue}.retry.`) && !Number.isNaN(delay(name))).sort((a, b) => delay(a) - delay(b));
}

/** Seconds until a retrying copy goes back to its handler: its retry queue's delay after it was put there. */
function nextIn(copy: RetryingCopy, now: number): number | null {
  if (!copy.retriedAt) return null;
  return Math.max(0, Math.round((Date.parse(copy.retriedAt) + copy.delayMs - now) / 1000));
}

export class FollowEvent {
  constructor(
    private readonly map: PlatformMap,
    private readonly directory: ServiceDirectory,
    private readonly deadLetters: DeadLetterStore,
    private readonly broker: BrokerStats,
    private readonly retryQueues: RetryQueues,
  ) {}

  async execute(eventId: string): Promise<Journey> {
    const records = await this.directory.eventRecords(eventId);
    const producer = records.find((record) => record.outbox !== null);
    const committed = producer?.outbox ? { ...producer.outbox, service: producer.service } : null;
    const handled = new Map(records.flatMap((record) => record.inbox.map((entry) => [entry.handler, entry] as const)));
    const routed = committed ? this.map.queuesFor(committed.type) : this.map.handlerQueues.filter(({ queue }) => handled.has(queue));
    // The broker's queue names are read once, and only when some handler has not handled the event.
    let names: Promise<string[]> | undefined;
    const brokerQueues = () => (names ??= this.queueNames());
    const handlers = await Promise.all(
      routed.map(async ({ queue, service }) => ({ queue, service, outcome: await this.outcome(queue, eventId, handled.get(queue), brokerQueues) })),
    );
    const emails = committed?.type === 'videos.created' ? await this.directory.emailsOf(eventId) : null;
    return { eventId, committed, handlers, emails };
  }

  private async outcome(queue: string, eventId: string, inbox: InboxRecord | undefined, brokerQueues: () => Promise<string[]>): Promise<HandlerOutcome> {
    if (inbox) return { state: 'handled', at: inbox.handledAt, duplicates: inbox.duplicates };
    const deadLetter = (await this.deadLetters.list(queue).catch(() => ({ messages: [] as DeadLetter[] }))).messages.find(
      (message) => message.messageId === eventId,
    );
    if (deadLetter) return { state: 'dead-lettered', deadLetter };
    const copy = await this.retryQueues.find(retryQueuesIn(await brokerQueues(), queue), eventId).catch(() => null);
    if (copy) return { state: 'retrying', copy, nextInSeconds: nextIn(copy, Date.now()) };
    return { state: 'on its way', note: 'not handled yet: waiting in its queue, or being handled' };
  }

  /** Every queue's name on the broker; none when it does not answer (the journey then cannot see retries). */
  private async queueNames(): Promise<string[]> {
    return (await this.broker.queues().catch(() => [])).map((queue) => queue.name);
  }
}
