import { withFreshInfra } from '../fresh-infra';
import { consumerDrain } from '../scenarios/consumer-drain';
import { httpWritePath } from '../scenarios/http-write-path';
import { CpuTimeline } from './cpu-timeline';
import type { TracingJob, TracingReport } from './tracing-job';

/**
 * B2 or B4 in a process of its own, started with or without tracing (the SDK patches a process once and for
 * all, so each mode needs its own process). Answers with the rate and the CPU the process spent per event
 * within the scenario's measured window (the service, its relay or consumer, the SDK and its exporter; B2's
 * load comes from another process).
 */
async function run({ scenario, settings }: TracingJob): Promise<TracingReport> {
  const cpu = new CpuTimeline();
  const { window, ...measured } = await withFreshInfra(async (infra) => {
    if (scenario === 'B2') {
      const load = await httpWritePath(infra, settings);
      return { perSecond: load.rps, events: load.ok, window: load.window };
    }
    const drained = await consumerDrain(infra, settings);
    return { perSecond: drained.perSecond, events: drained.events, window: drained.window };
  }).finally(() => cpu.stop());
  return { result: { scenario, ...measured, cpuMsPerEvent: cpu.cpuMsBetween(window) / measured.events } };
}

process.once('message', (job: TracingJob) => {
  run(job)
    .catch((error: unknown) => ({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((report) => process.send?.(report, () => process.exit(0)));
});
