export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Retries `check` until it neither throws nor returns false, then returns its result. At the deadline the
 * last failure is thrown, so a test shows what it was still waiting for. Never a fixed sleep.
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Exclude<T, false>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const interval = options.intervalMs ?? 50;
  let lastError: unknown = new Error('condition never became true');
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return result as Exclude<T, false>;
      lastError = new Error('condition returned false');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      if (lastError instanceof Error) lastError.message = `eventually timed out: ${lastError.message}`;
      throw lastError;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
