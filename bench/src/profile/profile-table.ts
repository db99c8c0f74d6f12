import type { ProfileSummary } from './profile-job';

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const perEvent = (total: number, summary: ProfileSummary) => total / summary.events;

/**
 * The markdown table of bench/README.md's "Where the time goes": each component's share of the profile
 * and its CPU microseconds per event (request or message), one pair of columns per run (before, after, …),
 * then the rate and the statements sent to Postgres per event. The microseconds are the process's measured
 * CPU per event split by the shares: a sample stands for the time since the last one, which on a busy
 * machine includes time the thread waited for a core, so the profile's own times overstate CPU.
 */
export function profileTable(runs: readonly ProfileSummary[], labels: readonly string[]): string {
  const totals = runs.map((run) => Object.values(run.sampledMsByComponent).reduce((sum, ms) => sum + ms, 0));
  const last = runs[runs.length - 1]!;
  const components = [...new Set(runs.flatMap((run) => Object.keys(run.sampledMsByComponent)))].sort(
    (a, b) => (last.sampledMsByComponent[b] ?? 0) - (last.sampledMsByComponent[a] ?? 0),
  );
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cells = (value: (run: ProfileSummary, i: number) => string) => runs.map(value);
  return [
    row(['', ...labels.flatMap((label) => [`${label}: % of CPU`, `${label}: µs per event`])]),
    row(['---', ...runs.flatMap(() => ['---:', '---:'])]),
    ...components.map((name) =>
      row([
        name,
        ...runs.flatMap((run, i) => {
          const share = (run.sampledMsByComponent[name] ?? 0) / totals[i]!;
          return [percent(share, 1), (share * run.cpuMsPerEvent * 1000).toFixed(0)];
        }),
      ]),
    ),
    row(['**rate** (events/s)', ...cells((run) => Math.round(run.perSecond).toLocaleString('en-US')).flatMap((c) => [c, ''])]),
    row(['**process CPU** per event', ...cells((run) => `${(run.cpuMsPerEvent * 1000).toFixed(0)} µs`).flatMap((c) => ['', c])]),
    row(['SQL statements per event', ...cells((run) => perEvent(run.sql.statements, run).toFixed(2)).flatMap((c) => [c, ''])]),
    row(['transactions per event', ...cells((run) => perEvent(run.sql.transactions, run).toFixed(2)).flatMap((c) => [c, ''])]),
    row(['relay claims per event', ...cells((run) => perEvent(run.sql.relayClaims, run).toFixed(3)).flatMap((c) => [c, ''])]),
  ].join('\n');
}
