export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Exponential backoff, capped: how long to wait after the n-th failed delivery attempt (n >= 1). */
export function retryDelayMs(attempts: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}
