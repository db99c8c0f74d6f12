import type { FreshInfra } from '../fresh-infra';
import { PlatformUnderLoad, type LatencyAtRate } from '../services/platform-under-load';
import type { BenchSettings } from '../settings';

export interface EndToEndLatencyResult {
  /** The rate the issue asks for. */
  target: LatencyAtRate;
  /** A rate well below saturation: the pipeline's own latency, without queueing. */
  lowRate: LatencyAtRate;
  emailsAccepted: number;
}

/**
 * B5: a steady rate of new videos through PUT /videos/:id with the courses and users services consuming
 * them on the same vhost, each service in its own process as in production (the bench keeps only the mail
 * sink). For each video the latency runs from the commit of its transaction (which holds the outbox row) to
 * the commit of each consumer's handler transaction (which holds its inbox row), both read on the machine's
 * clock. Measured first at a low rate, then at the target rate; the first warm-up seconds of each are sent
 * but not counted.
 */
export async function endToEndLatency(infra: FreshInfra, settings: BenchSettings): Promise<EndToEndLatencyResult> {
  const platform = await PlatformUnderLoad.start(infra, settings.students);
  try {
    const { warmupSeconds } = settings;
    const lowRate = await platform.measureAt(settings.lowLatencyRate, settings.lowLatencySeconds, warmupSeconds);
    const target = await platform.measureAt(settings.latencyRate, settings.latencySeconds, warmupSeconds);
    return { target, lowRate, emailsAccepted: platform.emailsAccepted };
  } finally {
    await platform.stop();
  }
}
