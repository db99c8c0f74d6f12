import type { ReadinessCheck } from '@course-platform/service-kit';
import type { ChannelModel } from 'amqplib';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BrokerConnection } from './broker-connection';
import { HandlerConsumer } from './handler-consumer';
import { MessagingMetrics } from './messaging-metrics';
import { Outbox } from './outbox';
import { Relay } from './relay';
import type { EventHandler } from './subscription';
import { DEFAULT_RETRY_DELAYS_MS, declareTopology, topologyOf, type Topology } from './topology';

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
  /** Unacked messages the broker may push to each handler queue's consumer: its concurrency. */
  prefetch?: number;
  retryDelaysMs?: readonly number[];
  queueType?: 'classic' | 'quorum';
  relay?: { batchSize?: number; pollIntervalMs?: number; confirmTimeoutMs?: number };
}

/**
 * The service's side of the event bus: an outbox to append events to, a relay that publishes them, and one
 * consumer per handler. It keeps itself connected: after any broker failure it reconnects, re-declares its
 * topology, re-attaches its consumers and resumes relaying.
 */
export class EventBus {
  readonly outbox: Outbox;
  readonly readiness: ReadinessCheck;
  readonly topology: Topology;
  private readonly broker: BrokerConnection;
  private readonly relay: Relay;
  private readonly consumers: HandlerConsumer[];
  private readonly log: Logger;
  private attached = false;
  private readyWaiters: Array<() => void> = [];

  constructor(options: EventBusOptions) {
    this.log = options.logger.child({ component: 'event-bus' });
    const metrics = new MessagingMetrics(options.metrics, options.knex);
    const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.topology = topologyOf(options.handlers, { exchange: options.exchange, retryDelaysMs, queueType: options.queueType });
    this.broker = new BrokerConnection({ url: options.url, logger: this.log, name: `${options.service}-${process.pid}` });
    this.relay = new Relay({ knex: options.knex, broker: this.broker, exchange: options.exchange, logger: this.log, metrics, ...options.relay });
    this.outbox = new Outbox(options.service, this.relay.wake);
    this.consumers = options.handlers.map(
      (handler) => new HandlerConsumer({ handler, knex: options.knex, logger: this.log, metrics, retryDelaysMs, prefetch: options.prefetch ?? 50 }),
    );
    this.readiness = { name: 'broker', check: async () => this.broker.healthy && this.attached };
    this.broker.on('connected', (connection) => void this.onConnected(connection));
    this.broker.on('disconnected', () => {
      this.attached = false;
    });
  }

  /** Starts connecting, relaying and consuming in the background; returns at once. */
  start(): void {
    this.broker.start();
    this.relay.start();
  }

  /** Resolves once the bus is connected, its topology declared and its consumers attached. */
  whenReady(): Promise<void> {
    if (this.attached) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Cancels consumers, lets in-flight handlers finish and ack, stops the relay, closes the connection. */
  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay.stop();
    await this.broker.close();
    this.attached = false;
  }

  private async onConnected(connection: ChannelModel): Promise<void> {
    try {
      const channel = await connection.createChannel();
      await declareTopology(channel, this.topology);
      await channel.close();
      await Promise.all(this.consumers.map((consumer) => consumer.attach(connection)));
      this.attached = true;
      this.relay.wake();
      this.log.info({ queues: this.consumers.map((c) => c.queue) }, 'topology declared; consuming');
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    } catch (error) {
      // Most likely the connection died meanwhile; if not, closing it makes the supervisor start over.
      this.log.warn({ err: error }, 'attaching to the broker failed');
      await connection.close().catch(() => undefined);
    }
  }
}
