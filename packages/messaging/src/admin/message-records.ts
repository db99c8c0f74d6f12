// What a service's outbox and inbox say about its events, for the operations console. Read-only.
import type { Knex } from 'knex';

export interface OutboxBacklog {
  waiting: number;
  oldestCreatedAt: string | null;
  oldestAgeSeconds: number | null;
}

export interface OutboxRecord {
  eventId: string;
  type: string;
  aggregateId: string | null;
  correlationId: string | null;
  createdAt: string;
  publishedAt: string | null;
  /** The W3C trace id of the request that committed it, when tracing was on (its traceparent's second part). */
  traceId: string | null;
  envelope: unknown;
}

export interface InboxRecord {
  handler: string;
  handledAt: string;
  /** Copies delivered after it was handled, which the inbox skipped. */
  duplicates: number;
}

interface OutboxRow {
  event_id: string;
  type: string;
  envelope: string;
  created_at: Date;
  published_at: Date | null;
  traceparent: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEARCH_LIMIT = 50;

function toRecord(row: OutboxRow): OutboxRecord {
  const envelope = JSON.parse(row.envelope) as { aggregateId?: string; meta?: { correlationId?: string } };
  return {
    eventId: row.event_id,
    type: row.type,
    aggregateId: envelope.aggregateId ?? null,
    correlationId: envelope.meta?.correlationId ?? null,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    traceId: row.traceparent?.split('-')[1] ?? null,
    envelope,
  };
}

export class MessageRecords {
  constructor(
    private readonly knex: Knex,
    /** The service's handler queues: the inbox is keyed (handler, event id), so a lookup names them. */
    private readonly handlers: readonly string[],
  ) {}

  async backlog(): Promise<OutboxBacklog> {
    const row = (await this.knex('outbox')
      .whereNull('published_at')
      .select(this.knex.raw('count(*)::int as waiting'), this.knex.raw('min(created_at) as oldest'), this.knex.raw('now() as now'))
      .first()) as { waiting: number; oldest: Date | null; now: Date };
    return {
      waiting: row.waiting,
      oldestCreatedAt: row.oldest?.toISOString() ?? null,
      // The database's clock on both sides: a replica's skew does not make the age lie.
      oldestAgeSeconds: row.oldest ? Math.max(0, (row.now.getTime() - row.oldest.getTime()) / 1000) : null,
    };
  }

  async outboxRecord(eventId: string): Promise<OutboxRecord | null> {
    const row = (await this.knex('outbox').where({ event_id: eventId }).first()) as OutboxRow | undefined;
    return row ? toRecord(row) : null;
  }

  async inboxRecords(eventId: string): Promise<InboxRecord[]> {
    if (this.handlers.length === 0) return [];
    const rows = (await this.knex('inbox').whereIn('handler', this.handlers).andWhere({ event_id: eventId }).orderBy('handled_at')) as Array<{
      handler: string;
      handled_at: Date;
      duplicates: number;
    }>;
    return rows.map((row) => ({ handler: row.handler, handledAt: row.handled_at.toISOString(), duplicates: row.duplicates }));
  }

  /**
   * The newest events of this outbox whose id, aggregate id, correlation id or a payload value is `term`.
   * Reads every row kept (a week by default): an operator's search, not a query for the request path.
   */
  async search(term: string): Promise<OutboxRecord[]> {
    const rows = (await this.knex('outbox')
      .where((where) => {
        if (UUID.test(term)) void where.orWhere('event_id', term);
        void where
          .orWhereRaw("envelope::jsonb->>'aggregateId' = ?", [term])
          .orWhereRaw("envelope::jsonb->'meta'->>'correlationId' = ?", [term])
          .orWhereRaw("exists (select 1 from jsonb_each_text(envelope::jsonb->'data') as payload where payload.value = ?)", [term]);
      })
      .orderBy('position', 'desc')
      .limit(SEARCH_LIMIT)) as OutboxRow[];
    return rows.map(toRecord);
  }
}
