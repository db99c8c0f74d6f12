// The mesh as the services declare it: who consumes what through which handler queue. Drawn from the same
// subscriptions as the README's topology picture, so the console cannot disagree with the code.
import type { ServiceSubscriptions } from '@course-platform/messaging';

export interface HandlerQueue {
  queue: string;
  /** The consuming service. */
  service: string;
  events: string[];
}

export interface Producer {
  service: string;
  events: string[];
}

export class PlatformMap {
  readonly services: string[];
  readonly handlerQueues: HandlerQueue[];
  /** Services that publish an event some handler consumes, with those events. */
  readonly producers: Producer[];

  constructor(declarations: readonly ServiceSubscriptions[]) {
    this.services = declarations.map(({ service }) => service);
    this.handlerQueues = declarations.flatMap(({ service, subscriptions }) =>
      subscriptions.map(({ queue, events }) => ({ queue, service, events: events.map((event) => event.name) })),
    );
    const produced = new Map<string, Set<string>>();
    for (const { subscriptions } of declarations) {
      for (const { events } of subscriptions) {
        for (const event of events) produced.set(event.producer, (produced.get(event.producer) ?? new Set()).add(event.name));
      }
    }
    this.producers = [...produced].sort(([a], [b]) => a.localeCompare(b)).map(([service, events]) => ({ service, events: [...events].sort() }));
  }

  /** The handler queues an event of this type is routed to. */
  queuesFor(eventType: string): HandlerQueue[] {
    return this.handlerQueues.filter((handler) => handler.events.includes(eventType));
  }

  isHandlerQueue(queue: string): boolean {
    return this.handlerQueues.some((handler) => handler.queue === queue);
  }
}
