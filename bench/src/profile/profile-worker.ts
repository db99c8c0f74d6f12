import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { withFreshInfra } from '../fresh-infra';
import { consumerDrain } from '../scenarios/consumer-drain';
import { httpWritePath } from '../scenarios/http-write-path';
import { CpuTimeline, type MeasuredWindow } from '../tracing-cost/cpu-timeline';
import { sampledMsByComponent, type CpuProfile } from './cpu-profile';
import type { ProfileJob, ProfileReport } from './profile-job';
import { SqlCounter } from './sql-counter';

/** performance.now() milliseconds to the profile's clock, microseconds of the monotonic clock process.hrtime reads. */
function onProfileClock({ from, to }: MeasuredWindow) {
  const offsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
  return { fromUs: from * 1000 + offsetUs, toUs: to * 1000 + offsetUs };
}

/**
 * B2 or B4 in a process of its own under V8's CPU profiler (what `node --cpu-prof` runs, started here so
 * that loading and compiling the code is not in it), with its statements to Postgres counted. Answers with
 * what the measured window cost, per component and per event.
 */
async function run({ scenario, settings, profilePath }: ProfileJob): Promise<ProfileReport> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  const cpu = new CpuTimeline();
  const sql = new SqlCounter((statement) => statement.includes('skip locked') && statement.includes('outbox'));
  await session.post('Profiler.start');
  const { window, perSecond, events } = await withFreshInfra(async (infra) => {
    if (scenario === 'B2') {
      const load = await httpWritePath(infra, settings);
      return { perSecond: load.rps, events: load.ok, window: load.window };
    }
    return consumerDrain(infra, settings);
  }).finally(() => [cpu.stop(), sql.stop()]);
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  await writeFile(profilePath, JSON.stringify(profile));
  const summary = {
    scenario,
    perSecond,
    events,
    cpuMsPerEvent: cpu.cpuMsBetween(window) / events,
    sql: sql.countsBetween(window),
    sampledMsByComponent: Object.fromEntries(sampledMsByComponent(profile, onProfileClock(window))),
  };
  return { summary };
}

process.once('message', (job: ProfileJob) => {
  run(job)
    .catch((error: unknown) => ({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((report) => process.send?.(report, () => process.exit(0)));
});
