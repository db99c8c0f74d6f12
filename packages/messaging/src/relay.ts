import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { BrokerConnection } from './broker-connection';
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
}

interface OutboxRow {
  position: string;
  event_id: string;
  type: string;
  envelope: string;
}

/**
 * Publishes the outbox. Each batch is claimed with FOR UPDATE SKIP LOCKED inside a transaction, published
 * with confirms, and marked published in that same transaction only after every confirm arrived; so a crash
 * anywhere republishes (the consumers' inbox drops the copy) and never loses. Replicas share the work.
 */
export class Relay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private channel: ConfirmChannel | null = null;
  private failures = 0;
  private batchSize: number;

  constructor(private readonly options: RelayOptions) {
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.options.broker.on('disconnected', this.dropChannel);
    this.loop = this.run();
  }

  /** Called after a commit that appended to the outbox: publish now instead of at the next poll. */
  wake = (): void => {
    this.woken = true;
    this.wakeUp?.();
  };

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.options.broker.off('disconnected', this.dropChannel);
    await this.channel?.close().catch(() => undefined);
    this.channel = null;
  }

  private dropChannel = (): void => {
    this.channel = null;
  };

  private async run(): Promise<void> {
    const maxBatch = this.options.batchSize ?? 500;
    while (this.running) {
      if (!(this.options.isReady?.() ?? true) || !this.options.broker.healthy) {
        // Woken by the bus once it has (re)connected and declared its topology; polls while blocked.
        await this.pause(this.options.pollIntervalMs ?? 500);
        continue;
      }
      let published = 0;
      try {
        published = await this.publishBatch(this.batchSize);
        this.failures = 0;
        this.batchSize = Math.min(maxBatch, this.batchSize * 2);
      } catch (error) {
        this.failures += 1;
        // A slow broker times out big batches again and again, republishing the confirmed part each time.
        this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
        this.options.logger.warn({ err: error, failures: this.failures, batchSize: this.batchSize }, 'relay batch failed; will retry');
        await this.pause(Math.min(10_000, 100 * 2 ** Math.min(this.failures, 7)));
        continue;
      }
      if (published < this.batchSize) await this.pause(this.options.pollIntervalMs ?? 500);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.woken || !this.running) {
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

  private async openChannel(): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    const connection: ChannelModel | null = this.options.broker.current;
    if (!connection) throw new Error('broker not connected');
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'relay channel error'));
    channel.on('close', () => {
      if (this.channel === channel) this.channel = null;
    });
    channel.on('return', (message: { properties: { type?: string; messageId?: string } }) => {
      this.options.metrics.unroutable.inc({ type: message.properties.type ?? 'unknown' });
      this.options.logger.error({ eventId: message.properties.messageId, type: message.properties.type }, 'event unroutable: no queue is bound for it');
    });
    await channel.assertExchange(this.options.exchange, 'topic', { durable: true });
    this.channel = channel;
    return channel;
  }

  /** Publishes one batch; returns how many rows it published. */
  private async publishBatch(batchSize: number): Promise<number> {
    const { knex } = this.options;
    const channel = await this.openChannel();
    return knex.transaction(async (trx) => {
      const rows: OutboxRow[] = await trx('outbox')
        .select('position', 'event_id', 'type', 'envelope')
        .whereNull('published_at')
        .orderBy('position')
        .limit(batchSize)
        .forUpdate()
        .skipLocked();
      if (rows.length === 0) return 0;
      await publishConfirmed(
        channel,
        rows.map((row) => ({
          exchange: this.options.exchange,
          routingKey: row.type,
          content: Buffer.from(row.envelope),
          options: { messageId: row.event_id, type: row.type, contentType: 'application/json', persistent: true, mandatory: true },
        })),
        { timeoutMs: this.options.confirmTimeoutMs ?? 10_000 },
      );
      await trx('outbox')
        .whereIn('position', rows.map((row) => row.position))
        .update({ published_at: trx.fn.now() });
      for (const row of rows) this.options.metrics.published.inc({ type: row.type });
      return rows.length;
    });
  }
}
