import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The ids that tie one request or message to everything it causes: logs, and the events it emits. */
export interface Correlation {
  correlationId: string;
  /** The id of the event being handled, when there is one: events emitted now name it as their cause. */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<Correlation>();

export function withCorrelation<T>(correlation: Correlation, fn: () => T): T {
  return storage.run(correlation, fn);
}

export function currentCorrelation(): Correlation {
  return storage.getStore() ?? { correlationId: randomUUID(), causationId: null };
}

export function activeCorrelation(): Correlation | undefined {
  return storage.getStore();
}
