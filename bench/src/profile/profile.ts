import { fork } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { testing } from '@course-platform/service-kit';
import { modeEnv } from '../scenarios/tracing-cost';
import { settingsFrom } from '../settings';
import type { TracingMode } from '../tracing-cost/tracing-job';
import type { ProfileJob, ProfileReport, ProfiledScenario, ProfileSummary } from './profile-job';
import { profileTable } from './profile-table';

const USAGE =
  'usage: pnpm bench:profile B2|B4 [--quick] [--tracing off|ids-only|exported] [--before <summary.json> ...], or --table <summary.json> ...';
const TRACING_MODES: readonly TracingMode[] = ['off', 'ids-only', 'exported'];
const RESULTS = resolve(__dirname, '../../results/profiles');

/**
 * Tracing is preloaded as the services preload it, in the mode asked: off unless told (as bench/README.md's
 * profiles of the components are taken), else as the traced runs of B2 and B4 run it.
 */
function profiled(job: ProfileJob, tracing: TracingMode, otlpEndpoint: string): Promise<ProfileSummary> {
  const child = fork(resolve(__dirname, 'profile-worker.js'), [], {
    execArgv: [...process.execArgv, '-r', resolve(__dirname, '../tracing-cost/preload.js')],
    env: modeEnv(tracing, otlpEndpoint),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolvePromise, reject) => {
    child.once('message', (report: ProfileReport) =>
      'summary' in report ? resolvePromise(report.summary) : reject(new Error(report.error)),
    );
    child.once('exit', (code) => reject(new Error(`${job.scenario} exited with code ${code} before answering`)));
    child.once('spawn', () => child.send(job));
  });
}

const readSummary = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as ProfileSummary;

/** Before, after, or run 1, 2, …: one label per column pair. */
const labelsFor = (count: number) =>
  count === 2 ? ['before', 'after'] : Array.from({ length: count }, (_, i) => (count === 1 ? 'this run' : `run ${i + 1}`));

/**
 * `pnpm bench:profile B2|B4`: the scenario profiled in a process of its own; writes its .cpuprofile and
 * summary under bench/results/profiles/ and prints the table of components, with the summaries given as
 * --before in columns ahead of it. `pnpm bench:profile --table a.json b.json …` re-makes the table of
 * saved summaries without running anything.
 */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--table') {
    const summaries = await Promise.all(argv.slice(1).map(readSummary));
    console.log(profileTable(summaries, labelsFor(summaries.length)));
    return;
  }
  const scenario = argv.find((arg) => arg === 'B2' || arg === 'B4') as ProfiledScenario | undefined;
  const befores = argv.flatMap((arg, i) => (argv[i - 1] === '--before' ? [arg] : []));
  const tracingAt = argv.indexOf('--tracing');
  const tracing = (tracingAt < 0 ? 'off' : argv[tracingAt + 1]) as TracingMode;
  const rest = argv.filter(
    (arg, i) =>
      arg !== scenario && arg !== '--before' && !befores.includes(arg) && (tracingAt < 0 || (i !== tracingAt && i !== tracingAt + 1)),
  );
  if (!scenario || !TRACING_MODES.includes(tracing)) throw new Error(USAGE);
  const settings = settingsFrom(rest);
  await mkdir(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = resolve(RESULTS, `${scenario}-${tracing === 'off' ? '' : `tracing-${tracing}-`}${stamp}`);
  // The exporting mode's spans go to a receiver here, as in the traced runs of `pnpm bench`.
  const receiver = tracing === 'exported' ? await testing.OtlpReceiver.start() : null;
  const summary = await profiled({ scenario, settings, profilePath: `${base}.cpuprofile` }, tracing, receiver?.endpoint ?? '').finally(() =>
    receiver?.stop(),
  );
  await writeFile(`${base}.json`, JSON.stringify(summary, null, 2));
  const earlier = await Promise.all(befores.map(readSummary));
  console.log(profileTable([...earlier, summary], labelsFor(earlier.length + 1)));
  console.error(`profile in ${base}.cpuprofile, summary in ${base}.json`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
