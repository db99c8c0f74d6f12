import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

export interface RetentionOptions {
  knex: Knex;
  logger: Logger;
  metrics: Registry;
  /** Published outbox rows older than this are deleted; unpublished ones never are. */
  outboxMs: number;
  /**
   * Inbox entries older than this are deleted. A copy of an event that arrives later would be handled again:
   * the inbox's "a duplicate is skipped" holds for this long. Keep it well beyond anything that redelivers
   * (the retry delays, a relay republishing after a crash); services read at least a day.
   */
  inboxMs: number;
  /** How often to prune (the first run is at start). */
  intervalMs?: number;
  /** Rows deleted per statement: short statements, so no lock or transaction is held for long. */
  batchSize?: number;
}

const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;
const DEFAULT_BATCH_SIZE = 1_000;

/**
 * Keeps the outbox and the inbox from growing for ever: at start and then every hour it deletes published
 * outbox rows and inbox entries past their retention, a batch per statement, oldest first. Ages are read on
 * the database's clock, so replicas agree; two replicas pruning at once only delete each row once.
 */
export class Retention {
  private readonly deleted: Counter<'table'>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(private readonly options: RetentionOptions) {
    this.deleted = new Counter({
      name: 'messaging_retention_deleted_total',
      help: 'Outbox rows and inbox entries deleted past their retention',
      labelNames: ['table'],
      registers: [options.metrics],
    });
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    const run = () => {
      // A pass that outlasts the interval (a first prune of a big table) is not joined by another.
      if (this.running) return;
      this.running = this.prune()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'pruning the outbox and inbox failed; will try again'))
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(run, this.options.intervalMs ?? DEFAULT_INTERVAL_MS);
    run();
  }

  /** Stops the schedule and waits for a run in progress, which ends after its current statement. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over both tables; resolves with how many rows it deleted from each. */
  async prune(): Promise<{ outbox: number; inbox: number }> {
    const { outboxMs, inboxMs } = this.options;
    const outbox = await this.deleteAll(
      `delete from outbox where position in (
         select position from outbox where published_at < now() - make_interval(secs => ?) order by position limit ?)`,
      outboxMs,
    );
    const inbox = await this.deleteAll(
      `delete from inbox where (handler, event_id) in (
         select handler, event_id from inbox where handled_at < now() - make_interval(secs => ?) limit ?)`,
      inboxMs,
    );
    this.deleted.inc({ table: 'outbox' }, outbox);
    this.deleted.inc({ table: 'inbox' }, inbox);
    if (outbox + inbox > 0) this.options.logger.info({ outbox, inbox }, 'pruned the outbox and inbox');
    return { outbox, inbox };
  }

  private async deleteAll(sql: string, retentionMs: number): Promise<number> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const { rowCount } = await this.options.knex.raw<{ rowCount: number | null }>(sql, [retentionMs / 1000, batchSize]);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < batchSize || this.stopping) return total;
    }
  }
}
