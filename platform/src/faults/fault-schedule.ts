import { testing } from '@course-platform/service-kit';
import type { ChildService } from '../launcher/child-service';

export interface Fault {
  name: string;
  /** Breaks something and repairs it; resolves once what it broke answers again. */
  inject(): Promise<void>;
}

export interface FaultOutcome {
  name: string;
  startedAt: number;
  /** When what it broke answered again (the broker, the database, the restarted process). */
  repairedAt: number | null;
  /** When every service answered /ready with 200 again after the repair. */
  readyAt: number | null;
  error?: string;
}

export const RECOVERY_LIMIT_SECONDS = 15;
// Polled past the limit, so that a slow recovery is measured rather than just called late.
const RECOVERY_DEADLINE_MS = 60_000;

const isReady = (service: ChildService) =>
  fetch(`${service.url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.ok,
    () => false,
  );

/** Polls every service's /ready until each has answered 200; resolves with the time the last one did. */
export async function allReady(services: readonly ChildService[], timeoutMs = RECOVERY_DEADLINE_MS): Promise<number> {
  const readyAt = await Promise.all(
    services.map((service) =>
      testing.eventually(async () => (await isReady(service)) && Date.now(), { timeoutMs, intervalMs: 100 }).catch(() => {
        throw new Error(`${service.launch.name} was not ready ${timeoutMs / 1_000} s after the repair`);
      }),
    ),
  );
  return Math.max(...readyAt);
}

/**
 * The faults, one after another, each once the load has reached its threshold, each after the platform has
 * recovered from the previous one. A fault that fails is recorded and the schedule goes on.
 */
export async function runFaults(faults: readonly Fault[], services: readonly ChildService[], reached: (index: number) => Promise<void>): Promise<FaultOutcome[]> {
  const outcomes: FaultOutcome[] = [];
  for (const [index, fault] of faults.entries()) {
    await reached(index);
    const outcome: FaultOutcome = { name: fault.name, startedAt: Date.now(), repairedAt: null, readyAt: null };
    outcomes.push(outcome);
    try {
      await fault.inject();
      outcome.repairedAt = Date.now();
      outcome.readyAt = await allReady(services);
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
    }
  }
  return outcomes;
}

export const secondsBetween = (from: number | null, to: number | null) => (from === null || to === null ? null : (to - from) / 1_000);
