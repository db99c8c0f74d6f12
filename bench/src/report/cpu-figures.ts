import type { LatencyAtRate } from '../services/platform-under-load';
import { CPU_GROUPS } from '../support/machine-cpu';
import type { Measurements } from './figures';
import { alignedText, markdownRows } from './tables';

const HEADER = ['at', 'videos/s', ...CPU_GROUPS, 'all', 'machine busy', 'SQL statements per video: videos, courses, users'];
const ms = (value: number) => value.toFixed(2);

/** One row per loaded rate of B5, B7 raw and B7: the CPU each process spent per video, and how busy the machine was. */
function cpuRows(m: Measurements): string[][] {
  const row = (label: string, at: LatencyAtRate) => [
    label,
    String(at.rate),
    ...CPU_GROUPS.map((group) => ms(at.cpu.msPerVideo[group])),
    ms(at.cpu.totalMsPerVideo),
    `${Math.round(at.cpu.machineBusy * 100)}%`,
    [at.statementsPerVideo.videos, at.statementsPerVideo.courses, at.statementsPerVideo.users].map((n) => n.toFixed(2)).join(', '),
  ];
  const rows: string[][] = [];
  if (m.latency) rows.push(row('B5', m.latency.lowRate), row('B5', m.latency.target));
  for (const step of m.sustainedRateRaw?.steps ?? []) rows.push(row('B7r', step));
  for (const step of m.sustainedRate?.steps ?? []) rows.push(row('B7', step));
  return rows.length > 0 ? [HEADER, ...rows] : [];
}

const TITLE =
  'CPU per video, ms (each process from the end of the warm-up to the last answer; bench = load generator and SMTP sink), and the statements each service sent per video';

export function cpuText(m: Measurements): string | null {
  const rows = cpuRows(m);
  return rows.length > 0 ? `${TITLE}\n${alignedText(rows)}` : null;
}

export function cpuMarkdown(m: Measurements): string | null {
  const rows = cpuRows(m);
  return rows.length > 0 ? `${TITLE}:\n\n${markdownRows(rows)}` : null;
}
