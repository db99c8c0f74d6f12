import type { ReadinessCheck } from '@course-platform/service-kit';
import type { ChannelModel } from 'amqplib';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BrokerConnection } from './broker-connection';
import { DEFAULT_BATCH_SIZE, HandlerConsumer } from './handler-consumer';
import { MessagingMetrics } from './messaging-metrics';
import { Outbox } from './outbox';
import { Relay } from './relay';
import { Retention, type RetentionOptions } from './retention';
import { unbindStaleBindings, type StaleBindingsOptions } from './stale-bindings';
import type { EventHandler } from './subscription';
import { DEFAULT_RETRY_DELAYS_MS, handlerTopology, topologyOf, type Topology } from './topology';

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
  /** Unacked messages the broker may push to each handler queue's consumer (default: a full batch for each of its transactions). */
  prefetch?: number;
  /**
   * Transactions each consumer runs at once (default 2, never more than the knex pool has connections).
   * Messages delivered while all are busy are handled together in the next free one: batching, not
   * concurrency, gives a consumer its throughput, and the pool stays free for HTTP, the relay and the
   * service's other queues; fewer transactions also queue less on a row that every message updates.
   */
  consumerConcurrency?: number;
  /** Messages one consumer transaction handles at most (default 100). */
  consumerBatchSize?: number;
  /**
   * How long a free consumer transaction waits for its batch to fill before it takes what is there (default
   * 2 ms; 0: what one socket read delivered). Fewer, fuller transactions for a little latency.
   */
  consumerBatchLingerMs?: number;
  retryDelaysMs?: readonly number[];
  /** How long a handler call may take unless the handler says otherwise (default 30 s). */
  handlerTimeoutMs?: number;
  queueType?: 'classic' | 'quorum';
  /** Quorum handler queues: deliveries of one message before the broker dead-letters it (QUEUE_DELIVERY_LIMIT). */
  deliveryLimit?: number;
  relay?: { batchSize?: number; lanes?: number; lingerMs?: number; pollIntervalMs?: number; confirmTimeoutMs?: number };
  /**
   * RabbitMQ's management API (RABBITMQ_MANAGEMENT_URL): with it, the first connection unbinds the bindings
   * that removed or renamed handlers of this service left on the events exchange (see stale-bindings.ts).
   */
  managementUrl?: string;
  /** How long published outbox rows and inbox entries are kept (default a week each); see Retention. */
  retention?: Partial<Pick<RetentionOptions, 'outboxMs' | 'inboxMs' | 'intervalMs' | 'batchSize'>>;
}

const DEFAULT_CONSUMER_CONCURRENCY = 2;
const DEFAULT_HANDLER_TIMEOUT_MS = 30_000;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_BATCH_LINGER_MS = 2;

/** The size of the knex pool: more transactions at once than connections would only queue for one. */
function poolSize(knex: Knex): number {
  const max = (knex.client as { config?: { pool?: { max?: unknown } } }).config?.pool?.max;
  return typeof max === 'number' && max > 0 ? max : 10;
}

/**
 * The service's side of the event bus: an outbox to append events to, a relay that publishes them, one
 * consumer per handler, and the retention that prunes what the outbox and inbox no longer need. Publishing and consuming use a connection each, so a broker that blocks publishers
 * (memory or disk alarm) does not also stall the acks that would drain its queues. Both keep themselves up:
 * after any failure they reconnect, the consumers re-declare their queues and re-attach, and the relay resumes.
 */
export class EventBus {
  readonly outbox: Outbox;
  readonly readiness: ReadinessCheck;
  readonly topology: Topology;
  private readonly publisher: BrokerConnection;
  private readonly subscriber: BrokerConnection;
  private readonly relay: Relay;
  private readonly retention: Retention;
  private readonly consumers: HandlerConsumer[];
  private readonly log: Logger;
  private declared = false;
  private readonly staleBindings: Omit<StaleBindingsOptions, 'management'> & { managementUrl: string | undefined };
  private staleBindingsChecked = false;
  private attaching: Promise<void> = Promise.resolve();
  private readyWaiters: Array<() => void> = [];

  constructor(options: EventBusOptions) {
    this.log = options.logger.child({ component: 'event-bus' });
    const metrics = new MessagingMetrics(options.metrics, options.knex);
    const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const name = `${options.service}-${process.pid}`;
    this.topology = topologyOf(options.handlers, { exchange: options.exchange, retryDelaysMs, queueType: options.queueType, deliveryLimit: options.deliveryLimit });
    this.publisher = new BrokerConnection({ url: options.url, logger: this.log, name: `${name}-publisher` });
    this.subscriber = new BrokerConnection({ url: options.url, logger: this.log, name: `${name}-consumer` });
    this.relay = new Relay({
      knex: options.knex,
      broker: this.publisher,
      // The first publish waits for this service's own queues: on a new broker they would miss its events.
      isReady: () => this.declared,
      exchange: options.exchange,
      logger: this.log,
      metrics,
      ...options.relay,
    });
    this.outbox = new Outbox(options.service, this.relay.wake);
    this.retention = new Retention({
      knex: options.knex,
      logger: this.log,
      metrics: options.metrics,
      outboxMs: WEEK_MS,
      inboxMs: WEEK_MS,
      ...options.retention,
    });
    const batchSize = options.consumerBatchSize ?? DEFAULT_BATCH_SIZE;
    const concurrency = Math.min(options.consumerConcurrency ?? DEFAULT_CONSUMER_CONCURRENCY, poolSize(options.knex));
    this.consumers = options.handlers.map(
      (handler) =>
        new HandlerConsumer({
          handler,
          topology: handlerTopology(this.topology, handler.queue),
          knex: options.knex,
          logger: this.log,
          metrics,
          retryDelaysMs,
          // Every transaction of the consumer can take a full batch, and the next ones are on their way while
          // they commit (bench B4: about 15 % more events a second than with one batch each).
          prefetch: options.prefetch ?? 2 * concurrency * batchSize,
          concurrency,
          batchSize,
          batchLingerMs: options.consumerBatchLingerMs ?? DEFAULT_BATCH_LINGER_MS,
          timeoutMs: handler.timeoutMs ?? options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
        }),
    );
    this.staleBindings = { managementUrl: options.managementUrl, service: options.service, topology: this.topology, logger: this.log };
    this.readiness = { name: 'broker', check: async () => this.ready };
    this.publisher.on('connected', () => {
      this.publisher.resetBackoff();
      this.relay.wake();
      this.notifyIfReady();
    });
    this.subscriber.on('connected', (connection) => {
      this.attaching = this.onConnected(connection);
    });
  }

  private get ready(): boolean {
    return this.publisher.healthy && this.subscriber.healthy && this.declared && this.consumers.every((c) => c.attached);
  }

  /** Starts connecting, relaying and consuming in the background; returns at once. */
  start(): void {
    this.publisher.start();
    this.subscriber.start();
    this.relay.start();
    this.retention.start();
  }

  /** Resolves once both connections are up, the topology declared and every consumer attached. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Cancels consumers, lets in-flight handlers finish and ack, stops the relay, closes the connections. */
  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.attaching;
    await this.relay.stop();
    await this.retention.stop();
    await Promise.all([this.subscriber.close(), this.publisher.close()]);
  }

  private async onConnected(connection: ChannelModel): Promise<void> {
    try {
      await Promise.all([...this.consumers.map((consumer) => consumer.attach(connection)), this.checkStaleBindingsOnce(connection)]);
      this.declared = true;
      this.subscriber.resetBackoff();
      this.relay.wake();
      this.log.info({ queues: this.consumers.map((c) => c.queue) }, 'topology declared; consuming');
      this.notifyIfReady();
    } catch (error) {
      // Most likely the connection died meanwhile; if not, closing it makes the supervisor start over.
      this.log.warn({ err: error }, 'attaching to the broker failed');
      await connection.close().catch(() => undefined);
    }
  }

  /** At the first connection of the process; it reports and never fails the start. */
  private async checkStaleBindingsOnce(connection: ChannelModel): Promise<void> {
    if (this.staleBindingsChecked) return;
    this.staleBindingsChecked = true;
    const { managementUrl, ...rest } = this.staleBindings;
    if (!managementUrl) {
      this.log.info('stale bindings not checked: RABBITMQ_MANAGEMENT_URL is not set');
      return;
    }
    // The vhost and user of the node this connection reached (the same on every node of a cluster).
    const management = { url: managementUrl, amqpUrl: this.subscriber.currentUrl };
    await unbindStaleBindings(connection, { ...rest, management }).catch((error: unknown) =>
      this.log.warn({ err: error }, 'could not check for stale bindings; consuming anyway'),
    );
  }

  private notifyIfReady(): void {
    if (this.ready) for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}
