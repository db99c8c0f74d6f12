import type { DomainEvent } from './events/domain-event';

/** An aggregate records the events of what happened to it; the use case pulls them into the outbox. */
export abstract class AggregateRoot<E extends DomainEvent = DomainEvent> {
  private recorded: E[] = [];

  protected record(event: E): void {
    this.recorded.push(event);
  }

  pullDomainEvents(): E[] {
    const events = this.recorded;
    this.recorded = [];
    return events;
  }
}
