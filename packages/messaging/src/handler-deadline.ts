import type { Knex } from 'knex';

/**
 * A handler that did not return in time. Its transaction's session was ended, so nothing it wrote commits.
 * `eventId` is the event it was handling, none when it was handling a batch of them.
 */
export class HandlerTimeoutError extends Error {
  readonly reason = 'HANDLER_TIMEOUT';

  constructor(
    readonly eventId: string | undefined,
    readonly timeoutMs: number,
  ) {
    super(`the handler did not return within ${timeoutMs} ms; its transaction was rolled back`);
    this.name = 'HandlerTimeoutError';
  }
}

/** A pg connection as knex hands it out: `processID` is its backend's pid. */
interface PgConnection {
  processID: number;
}

/**
 * Ends the database session a transaction runs on, and waits until its backend is gone: a statement waiting
 * on a lock stops, and the transaction is rolled back by Postgres whatever its client does next. It runs on a
 * connection of its own, outside the pool, which stuck handlers may have used up (as knex's query cancel does).
 */
async function endSessionOf(knex: Knex, trx: Knex.Transaction): Promise<void> {
  const { processID } = (await trx.client.acquireConnection()) as PgConnection;
  const raw = (await knex.client.acquireRawConnection()) as { query(sql: string, values: unknown[]): Promise<unknown> };
  try {
    await raw.query('select pg_terminate_backend($1, 5000)', [processID]);
  } finally {
    await knex.client.destroyRawConnection(raw);
  }
}

/**
 * Runs one handler call in `trx` with a deadline. Past it, whatever the call does from then on is ignored: the
 * session of `trx` is ended first, and only then does the call fail with a HandlerTimeoutError, so the
 * transaction cannot commit (its container never resolves before that) and its connection, dead, leaves the
 * pool instead of serving another transaction. `onSessionError` hears of a session that could not be ended.
 */
export function handleWithin(
  knex: Knex,
  trx: Knex.Transaction,
  deadline: { eventId: string | undefined; timeoutMs: number },
  call: () => Promise<void>,
  onSessionError: (error: unknown) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let decided = false;
    const decide = (settle: () => void) => {
      if (decided) return;
      decided = true;
      clearTimeout(timer);
      settle();
    };
    const timer = setTimeout(() => {
      decided = true;
      const timedOut = new HandlerTimeoutError(deadline.eventId, deadline.timeoutMs);
      endSessionOf(knex, trx)
        .catch(onSessionError)
        .finally(() => reject(timedOut));
    }, deadline.timeoutMs);
    Promise.resolve()
      .then(call)
      .then(
        () => decide(resolve),
        (error: unknown) => decide(() => reject(error)),
      );
  });
}
