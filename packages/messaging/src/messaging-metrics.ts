import type { Knex } from 'knex';
import { Counter, Gauge, type Registry } from 'prom-client';

export type ConsumeOutcome = 'handled' | 'duplicate' | 'retried' | 'dead_lettered';

/** The bus's counters and the outbox gauges, registered on the service's own registry. */
export class MessagingMetrics {
  readonly published: Counter<'type'>;
  readonly unroutable: Counter<'type'>;
  readonly consumed: Counter<'queue' | 'outcome'>;
  readonly handlerTimeouts: Counter<'queue'>;

  constructor(registry: Registry, knex: Knex) {
    const registers = [registry];
    this.published = new Counter({ name: 'messaging_events_published_total', help: 'Events published and confirmed by the broker', labelNames: ['type'], registers });
    this.unroutable = new Counter({ name: 'messaging_events_unroutable_total', help: 'Events the broker returned because no queue was bound', labelNames: ['type'], registers });
    this.consumed = new Counter({ name: 'messaging_messages_consumed_total', help: 'Messages consumed, by queue and outcome', labelNames: ['queue', 'outcome'], registers });
    this.handlerTimeouts = new Counter({
      name: 'messaging_handler_timeouts_total',
      help: 'Handler calls cut off for running past their time (their message is retried)',
      labelNames: ['queue'],
      registers,
    });
    const unpublished = () => knex('outbox').whereNull('published_at');
    // Both gauges query only when /metrics is scraped.
    new Gauge({
      name: 'messaging_outbox_backlog',
      help: 'Outbox rows not yet published',
      registers,
      async collect() {
        // While the database is down the gauge reads NaN; the rest of /metrics still answers.
        const row = await unpublished().count<{ count: string }[]>('* as count').first().catch(() => undefined);
        this.set(row ? Number(row.count) : Number.NaN);
      },
    });
    new Gauge({
      name: 'messaging_outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      registers,
      async collect() {
        const row = await unpublished().min<{ oldest: Date | null }[]>('created_at as oldest').first().catch(() => undefined);
        this.set(row === undefined ? Number.NaN : row.oldest ? (Date.now() - row.oldest.getTime()) / 1000 : 0);
      },
    });
  }
}
