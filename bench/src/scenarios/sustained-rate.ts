import type { FreshInfra } from '../fresh-infra';
import { progress } from '../progress';
import { PlatformUnderLoad, type LatencyAtRate } from '../services/platform-under-load';
import type { BenchSettings } from '../settings';

/** The bound a rate must keep to count as carried: p99 from a video's commit to each consumer's, ms. */
export const SUSTAINED_P99_MS = 100;
/** Below this share of the rate asked committed in the window, the videos service did not keep up. */
const SENT_SHARE = 0.95;

/** Why a step did not carry its rate; null when it did. */
export type StepMiss = 'p99 over bound' | 'not sent' | 'emails missing' | null;

export interface SustainedStep extends LatencyAtRate {
  miss: StepMiss;
}

export interface SustainedRateResult {
  /** The highest rate of an unbroken run of carried steps from the first; 0 if the first missed. */
  sustained: number;
  steps: SustainedStep[];
}

function missOf(step: LatencyAtRate): StepMiss {
  if (step.load.failed > 0 || step.committedPerSecond < step.rate * SENT_SHARE) return 'not sent';
  if (Math.max(step.courses.p99, step.users.p99) > SUSTAINED_P99_MS) return 'p99 over bound';
  return step.emails.accepted < step.emails.expected ? 'emails missing' : null;
}

/**
 * B7: the highest rate the whole platform carries, found by stepping it up. At each rate new videos go
 * through PUT /videos/:id to the courses and users services (each in its own process) and the users
 * service's emails to the bench's SMTP sink, as B5 measures them; the steps stop after the first rate
 * whose p99 commit → handled exceeds the bound, that the load could not send, or whose emails did not all
 * arrive. The platform is not restarted between steps: each step starts once the last one is handled.
 * With `raw`, B7 raw: the same steps through raw-chain-worker.ts's processes, the baseline of B7.
 */
export async function sustainedRate(infra: FreshInfra, settings: BenchSettings, raw = false): Promise<SustainedRateResult> {
  const platform = await PlatformUnderLoad.start(infra, settings.students, raw);
  const steps: SustainedStep[] = [];
  try {
    for (const rate of settings.sustainedRates) {
      const measured = await platform.measureAt(rate, settings.sustainedSeconds, settings.warmupSeconds);
      const step = { ...measured, miss: missOf(measured) };
      steps.push(step);
      const p99 = Math.round(Math.max(step.courses.p99, step.users.p99));
      progress(
        `  ${rate} videos/s: ${Math.round(step.committedPerSecond)}/s committed, p99 ${p99} ms${step.miss ? `: ${step.miss}, stopping` : ''}`,
      );
      if (step.miss) break;
    }
  } finally {
    await platform.stop();
  }
  const carried = steps.findIndex((step) => step.miss !== null);
  const lastCarried = carried === -1 ? steps[steps.length - 1] : steps[carried - 1];
  return { sustained: lastCarried?.rate ?? 0, steps };
}
