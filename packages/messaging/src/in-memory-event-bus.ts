import type { DomainEvent, EventEnvelope } from '@course-platform/shared-kernel';
import { toEnvelope } from './outbox';
import { PermanentHandlerError, type Subscription } from './subscription';

export interface InMemoryHandler extends Subscription {
  handle(event: EventEnvelope): Promise<void>;
}

/**
 * The bus's semantics without a broker or a database, for unit tests: every appended event reaches each
 * subscribed handler once (a repeated event id is skipped, as the inbox does), a failing handler is retried
 * up to `maxAttempts` and then its message is dead-lettered (at once for a PermanentHandlerError).
 */
export class InMemoryEventBus {
  readonly published: EventEnvelope[] = [];
  readonly deadLetters: Array<{ queue: string; event: EventEnvelope; error: string }> = [];
  private readonly inbox = new Set<string>();

  constructor(
    private readonly producer: string,
    private readonly handlers: readonly InMemoryHandler[] = [],
    private readonly maxAttempts = 3,
  ) {}

  async append(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) await this.deliver(toEnvelope(event, this.producer));
  }

  /** Delivers an envelope as the broker would, including again: a redelivery is a no-op. */
  async deliver(envelope: EventEnvelope): Promise<void> {
    this.published.push(envelope);
    for (const handler of this.handlers) {
      if (!handler.events.some((e) => e.name === envelope.type && e.version === envelope.version)) continue;
      const key = `${handler.queue}/${envelope.id}`;
      if (this.inbox.has(key)) continue;
      await this.handleWithRetries(handler, envelope, key);
    }
  }

  private async handleWithRetries(handler: InMemoryHandler, envelope: EventEnvelope, key: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler.handle(envelope);
        this.inbox.add(key);
        return;
      } catch (error) {
        if (error instanceof PermanentHandlerError || attempt >= this.maxAttempts) {
          this.deadLetters.push({ queue: handler.queue, event: envelope, error: (error as Error).message });
          return;
        }
      }
    }
  }
}
