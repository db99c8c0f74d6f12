import { Client } from 'pg';

type Query = (...args: unknown[]) => unknown;

/**
 * Counts every statement the pg clients of this process send from now on (knex, the relay and the raw
 * chain all go through pg's Client#query): each one a round trip to Postgres. Returns the count so far.
 */
export function countStatements(): () => number {
  let count = 0;
  const prototype = Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  return () => count;
}
