import { withFreshInfra } from '../fresh-infra';
import { consumerDrain } from '../scenarios/consumer-drain';
import { httpWritePath } from '../scenarios/http-write-path';
import type { TracingJob, TracingReport } from './tracing-job';

/**
 * B2 or B4 in a process of its own, started with or without tracing (the SDK patches a process once and for
 * all, so each mode needs its own process). Answers with the rate and the process's CPU per event: the
 * scenario's setup is in it too, the same in every mode, so differences between modes are tracing's.
 */
async function run({ scenario, settings }: TracingJob): Promise<TracingReport> {
  const cpuBefore = process.cpuUsage();
  const measured = await withFreshInfra(async (infra) => {
    if (scenario === 'B2') {
      const load = await httpWritePath(infra, settings);
      return { perSecond: load.rps, events: load.ok };
    }
    const drained = await consumerDrain(infra, settings);
    return { perSecond: drained.perSecond, events: drained.events };
  });
  const cpu = process.cpuUsage(cpuBefore);
  return { result: { scenario, ...measured, cpuMsPerEvent: (cpu.user + cpu.system) / 1000 / measured.events } };
}

process.once('message', (job: TracingJob) => {
  run(job)
    .catch((error: unknown) => ({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((report) => process.send?.(report, () => process.exit(0)));
});
