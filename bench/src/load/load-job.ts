/** What the parent asks the load process for, and what it answers. Every request PUTs a fresh uuid. */
export type LoadJob =
  | { kind: 'closed'; url: string; pathPrefix: string; body: string; connections: number; seconds: number; warmupSeconds: number }
  | { kind: 'steady'; url: string; pathPrefix: string; body: string; rate: number; seconds: number };

export interface LoadResult {
  seconds: number;
  ok: number;
  failed: number;
  /** Successful responses per second. */
  rps: number;
  /** HTTP response latency, ms, as the client saw it. */
  p50: number;
  p99: number;
  max: number;
}
