import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { BrokerConnection } from './broker-connection';
import { endPublishSpans, startPublishSpan } from './message-tracing';
import type { MessagingMetrics } from './messaging-metrics';
import { publishConfirmed } from './publish-confirmed';

export interface RelayOptions {
  knex: Knex;
  broker: BrokerConnection;
  /** True once the bus has declared its topology on the current connection: publishing before would lose events. */
  isReady?: () => boolean;
  exchange: string;
  logger: Logger;
  metrics: MessagingMetrics;
  batchSize?: number;
  pollIntervalMs?: number;
  confirmTimeoutMs?: number;
  /**
   * Batches in flight at once, each in its own transaction: while one waits for its confirms or marks its
   * rows, the next claims and publishes. SKIP LOCKED keeps them apart, as it keeps replicas apart.
   */
  lanes?: number;
  /**
   * How long a lane that found the outbox drained waits, once woken, before it claims again: the commits
   * right behind the one that woke it join its batch. Without it a busy service publishes one or two events
   * per claim, mark and commit, which cost its requests about an eighth of their throughput (bench B2).
   */
  lingerMs?: number;
}

/**
 * Rows claimed per batch. Each batch waits once for the broker's confirms: B3 drained 20,000 rows at about
 * 10,700 events/s with 500, 12,400 with 1,000, 13,000 with 2,000 (bench/README.md). After a failure the
 * batch halves, so a slow broker never sees a thousand republished at once again and again.
 */
const DEFAULT_BATCH_SIZE = 1_000;
/** As a Kafka producer's linger.ms (5 ms by default since Kafka 4.0): little latency, much bigger batches. */
const DEFAULT_LINGER_MS = 5;

interface OutboxRow {
  position: string;
  event_id: string;
  type: string;
  envelope: string;
  traceparent: string | null;
  tracestate: string | null;
}

/** One lane's sleep between batches: a wake that comes while the lane works makes its next pause return at once. */
class Sleeper {
  private woken = false;
  private wakeUp: (() => void) | null = null;

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  pause(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
    });
  }
}

/**
 * Publishes the outbox. Each batch is claimed with FOR UPDATE SKIP LOCKED inside a transaction, published
 * with confirms, and marked published in that same transaction only after every confirm arrived; so a crash
 * anywhere republishes (the consumers' inbox drops the copy) and never loses. Replicas share the work, and so
 * do the lanes of one relay: a commit wakes the first lane, and a lane that found a full batch (a backlog)
 * wakes the next, so that claiming and marking one batch overlaps publishing another.
 */
export class Relay {
  private running = false;
  private loops: Array<Promise<void>> = [];
  private readonly sleepers: Sleeper[];
  private channel: ConfirmChannel | null = null;
  private opening: Promise<ConfirmChannel> | null = null;
  private failures = 0;
  private batchSize: number;

  constructor(private readonly options: RelayOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.sleepers = Array.from({ length: Math.max(1, options.lanes ?? 2) }, () => new Sleeper());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.options.broker.on('disconnected', this.dropChannel);
    this.loops = this.sleepers.map((sleeper, lane) => this.run(sleeper, this.sleepers[lane + 1]));
  }

  /** Called after a commit that appended to the outbox: publish now instead of at the next poll. */
  wake = (): void => {
    this.sleepers[0]?.wake();
  };

  async stop(): Promise<void> {
    this.running = false;
    for (const sleeper of this.sleepers) sleeper.wake();
    await Promise.all(this.loops);
    this.options.broker.off('disconnected', this.dropChannel);
    await this.channel?.close().catch(() => undefined);
    this.channel = null;
  }

  private dropChannel = (): void => {
    this.channel = null;
  };

  private async run(sleeper: Sleeper, next: Sleeper | undefined): Promise<void> {
    const maxBatch = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    const pause = (ms: number) => (this.running ? sleeper.pause(ms) : Promise.resolve());
    while (this.running) {
      if (!(this.options.isReady?.() ?? true) || !this.options.broker.healthy) {
        // Woken by the bus once it has (re)connected and declared its topology; polls while blocked.
        await pause(this.options.pollIntervalMs ?? 500);
        continue;
      }
      const claimed = this.batchSize;
      let published = 0;
      try {
        published = await this.publishBatch(claimed);
        this.failures = 0;
        this.batchSize = Math.min(maxBatch, this.batchSize * 2);
      } catch (error) {
        this.failures += 1;
        // A slow broker times out big batches again and again, republishing the confirmed part each time.
        this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
        this.options.logger.warn({ err: error, failures: this.failures, batchSize: this.batchSize }, 'relay batch failed; will retry');
        await pause(Math.min(10_000, 100 * 2 ** Math.min(this.failures, 7)));
        continue;
      }
      if (published < claimed) {
        await pause(this.options.pollIntervalMs ?? 500);
        const linger = this.options.lingerMs ?? DEFAULT_LINGER_MS;
        if (this.running && linger > 0) await new Promise((resolve) => setTimeout(resolve, linger));
      } else next?.wake();
    }
  }

  /** The lanes share one confirm channel: the first to need a new one opens it, the others wait for it. */
  private openChannel(): Promise<ConfirmChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    this.opening ??= this.createChannel().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async createChannel(): Promise<ConfirmChannel> {
    const connection: ChannelModel | null = this.options.broker.current;
    if (!connection) throw new Error('broker not connected');
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'relay channel error'));
    channel.on('close', () => {
      if (this.channel === channel) this.channel = null;
    });
    channel.on('return', (message) => {
      this.options.metrics.unroutable.inc({ type: message.properties.type ?? 'unknown' });
      // A warning, not an error: an event no service subscribes to yet (users.registered today) is legitimate.
      this.options.logger.warn({ eventId: message.properties.messageId, type: message.properties.type }, 'event unroutable: no queue is bound for it');
    });
    await channel.assertExchange(this.options.exchange, 'topic', { durable: true });
    this.channel = channel;
    return channel;
  }

  /**
   * Publishes one batch; returns how many rows it published. The batch runs on one pooled connection with two
   * round trips around the publish instead of four: BEGIN and the claiming SELECT in one simple query, the
   * mark UPDATE and COMMIT in another. Both are built from integers only, checked before they are inlined:
   * the batch size and the positions Postgres just returned. Any failure rolls back, so the rows stay
   * unpublished and the next batch (here or in a replica) republishes them.
   */
  private async publishBatch(batchSize: number): Promise<number> {
    const { knex } = this.options;
    const channel = await this.openChannel();
    const connection = (await knex.client.acquireConnection()) as PgConnection;
    try {
      const [, claim] = await connection.query<OutboxRow>(
        `begin; select position, event_id, type, envelope, traceparent, tracestate from outbox
          where published_at is null order by position limit ${integer(batchSize)} for update skip locked`,
      );
      const rows = claim?.rows ?? [];
      if (rows.length === 0) {
        await connection.query('commit');
        return 0;
      }
      const { exchange } = this.options;
      // Each event's publish span lasts until the broker confirmed it, and its context rides in the headers.
      const spans = rows.map((row) => startPublishSpan(exchange, { eventId: row.event_id, type: row.type, traceparent: row.traceparent, tracestate: row.tracestate }));
      await publishConfirmed(
        channel,
        rows.map((row, i) => ({
          exchange,
          routingKey: row.type,
          content: Buffer.from(row.envelope),
          options: { messageId: row.event_id, type: row.type, contentType: 'application/json', persistent: true, mandatory: true, headers: spans[i]?.headers },
        })),
        { timeoutMs: this.options.confirmTimeoutMs ?? 10_000 },
      ).then(
        () => endPublishSpans(spans),
        (error: unknown) => {
          endPublishSpans(spans, error);
          throw error;
        },
      );
      // An error in the UPDATE skips the COMMIT behind it: the catch below rolls back.
      await connection.query(
        `update outbox set published_at = now() where position = any('{${rows.map((row) => integer(row.position)).join(',')}}'::bigint[]); commit`,
      );
      for (const row of rows) this.options.metrics.published.inc({ type: row.type });
      return rows.length;
    } catch (error) {
      await connection.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }
}

/** The pg connection knex's pool hands out: a simple query of several statements answers one result each. */
interface PgConnection {
  query<R>(sql: string): Promise<Array<{ rows: R[] }>>;
}

/** Inlined into SQL only after this check: the text of a non-negative integer, nothing else. */
function integer(value: number | string): string {
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new Error(`not an integer: ${text}`);
  return text;
}
