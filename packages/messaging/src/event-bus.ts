import type { ReadinessCheck } from '@course-platform/service-kit';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Outbox } from './outbox';
import type { EventHandler } from './subscription';

export interface EventBusOptions {
  /** The service name: the `producer` of its events and a label of its metrics. */
  service: string;
  url: string;
  exchange: string;
  /** The service's knex, bound to its schema, where its outbox and inbox tables are. */
  knex: Knex;
  handlers: readonly EventHandler[];
  logger: Logger;
  metrics: Registry;
  prefetch?: number;
  concurrency?: number;
  retryDelaysMs?: readonly number[];
  queueType?: 'classic' | 'quorum';
  relay?: { batchSize?: number; pollIntervalMs?: number; confirmTimeoutMs?: number };
}

/**
 * The service's side of the event bus: an outbox to append events to, a relay that publishes them, and one
 * consumer per handler. It keeps itself connected: after any broker failure it reconnects, re-declares its
 * topology and resumes.
 */
export class EventBus {
  readonly outbox: Outbox;
  readonly readiness: ReadinessCheck;

  constructor(private readonly options: EventBusOptions) {
    this.outbox = new Outbox(options.service);
    this.readiness = { name: 'broker', check: async () => false };
  }

  /** Starts connecting, relaying and consuming in the background; returns at once. */
  start(): void {
    throw new Error(`not implemented yet for ${this.options.service}`);
  }

  /** Resolves once the bus is connected, its topology declared and its consumers running. */
  async whenReady(): Promise<void> {
    throw new Error('not implemented yet');
  }

  /** Cancels consumers, lets in-flight handlers finish and ack, stops the relay, closes the connection. */
  async stop(): Promise<void> {
    throw new Error('not implemented yet');
  }
}
