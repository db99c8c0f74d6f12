import { Client } from 'pg';
import type { MeasuredWindow } from '../tracing-cost/cpu-timeline';

/** What the process sent to Postgres within a window. */
export interface SqlCounts {
  statements: number;
  /** BEGIN … COMMIT blocks, plus each statement sent outside one (Postgres commits it alone). */
  transactions: number;
  /** The relay's claims of a batch: its statements come in a fixed number per claim. */
  relayClaims: number;
}

interface Statement {
  at: number;
  startsTransaction: boolean;
  relayClaim: boolean;
}

type Query = (...args: unknown[]) => unknown;

const textOf = (query: unknown): string =>
  typeof query === 'string' ? query : typeof query === 'object' && query !== null && 'text' in query ? String(query.text) : '';

/**
 * Notes every statement any pg client of this process sends from now on, by wrapping pg's Client#query (knex
 * and the bench share one pg), so that the statements of a scenario's measured window can be counted
 * afterwards. `isRelayClaim` tells the relay's claim by its text.
 */
export class SqlCounter {
  private readonly statements: Statement[] = [];
  private readonly original = Client.prototype.query as Query;

  constructor(isRelayClaim: (sql: string) => boolean = () => false) {
    const { statements, original } = this;
    const inTransaction = new WeakSet<object>();
    (Client.prototype as unknown as { query: Query }).query = function (this: object, ...args: unknown[]) {
      const sql = textOf(args[0]).trim().toLowerCase();
      const startsTransaction = !inTransaction.has(this);
      if (sql.startsWith('begin')) inTransaction.add(this);
      if (sql.startsWith('commit') || sql.startsWith('rollback')) inTransaction.delete(this);
      statements.push({ at: performance.now(), startsTransaction, relayClaim: isRelayClaim(sql) });
      return original.apply(this, args);
    };
  }

  stop(): void {
    (Client.prototype as unknown as { query: Query }).query = this.original;
  }

  /** Every statement sent since the counter started. */
  count(): number {
    return this.statements.length;
  }

  countsBetween({ from, to }: MeasuredWindow): SqlCounts {
    const within = this.statements.filter(({ at }) => at >= from && at <= to);
    return {
      statements: within.length,
      transactions: within.filter((s) => s.startsTransaction).length,
      relayClaims: within.filter((s) => s.relayClaim).length,
    };
  }
}
