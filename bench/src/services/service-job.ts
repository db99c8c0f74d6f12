/** What the bench asks a service process to do, and what the process tells the bench. */
export type ServiceName = 'videos' | 'courses' | 'users';

/** From the bench to a service process. */
export type ServiceRequest = { kind: 'start'; service: ServiceName; env: Record<string, string> } | { kind: 'loop' } | { kind: 'stop' };

/**
 * The event loop's busy and idle time since the process started, ms: two readings give the share busy between
 * them. With them, the SQL statements the process has sent so far.
 */
export interface LoopReading {
  active: number;
  idle: number;
  statements: number;
}

/** From a service process to the bench. */
export type ServiceReport =
  | { kind: 'started'; port: number }
  | { kind: 'commits'; entries: Array<[key: string, at: number]> }
  | { kind: 'loop'; reading: LoopReading }
  | { kind: 'stopped' }
  | { kind: 'failed'; error: string };

/** Share of the time between two readings the loop was busy. */
export function busyShare(before: LoopReading, after: LoopReading): number {
  const active = after.active - before.active;
  const idle = after.idle - before.idle;
  return active + idle > 0 ? active / (active + idle) : 0;
}
