import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BenchSettings } from '../settings';
import type { Figure, Measurements } from './figures';
import type { Machine, RunConditions } from './machine';
import { cpuMarkdown } from './cpu-figures';
import { sustainedStepsMarkdown } from './sustained-figures';
import { markdownTable } from './tables';

export interface RunRecord {
  startedAt: string;
  seconds: number;
  command: string;
  settings: BenchSettings;
  machine: Machine;
  conditions: RunConditions;
  measurements: Measurements;
  figures: Figure[];
}

const resultsDir = resolve(__dirname, '../../results');

function markdown(run: RunRecord): string {
  const { machine: m, settings: s, conditions: c } = run;
  const disturbed = c.brokerInterrupted || c.databaseRestarted;
  return [
    `# Benchmark run ${run.startedAt}`,
    '',
    `\`${run.command}\` (${s.mode}), ${Math.round(run.seconds)} s. Every figure from this one run, on this machine, against the same local Postgres and RabbitMQ; each scenario in its own fresh database and vhost.`,
    '',
    `- Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB memory, ${m.os}`,
    `- Node ${m.node}, PostgreSQL ${m.postgres}, RabbitMQ ${m.rabbitmq} (Erlang ${m.erlang})`,
    `- Load average (1 min): ${c.loadAverageAtStart.toFixed(2)} at start, ${c.loadAverageAtEnd.toFixed(2)} at end` +
      (disturbed
        ? '; **the broker or the database restarted during the run: these figures are suspect**'
        : '; no broker or database restart during the run'),
    `- HTTP: ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.httpSeconds} s; broker baseline ${s.rawMessages} messages;` +
      ` relay ${s.relayRows} rows; consumer ${s.consumerEvents} events; latency ${s.lowLatencyRate} videos/s for ${s.lowLatencySeconds} s, then` +
      ` ${s.latencyRate} videos/s for ${s.latencySeconds} s (each after ${s.warmupSeconds} s of warm-up not counted), ${s.students} students;` +
      ` common way ${s.commonWayEvents} events; sustained rate steps of ${s.sustainedSeconds} s at ${s.sustainedRates.join(', ')} videos/s until one misses.` +
      (s.only ? ` Only ${s.only.join(', ')} (with what they compare against).` : ''),
    '',
    markdownTable(run.figures),
    '',
    ...(run.measurements.sustainedRateRaw ? [sustainedStepsMarkdown(run.measurements.sustainedRateRaw, 'B7r'), ''] : []),
    ...(run.measurements.sustainedRate ? [sustainedStepsMarkdown(run.measurements.sustainedRate), ''] : []),
    ...[cpuMarkdown(run.measurements)].flatMap((table) => (table ? [table, ''] : [])),
    'Targets are reported, never asserted. See bench/README.md for what each figure measures and how.',
    '',
  ].join('\n');
}

/** Writes results/<timestamp>.json (everything measured) and results/<timestamp>.md (the summary). */
export async function writeResults(run: RunRecord): Promise<{ json: string; md: string }> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const json = resolve(resultsDir, `${stamp}.json`);
  const md = resolve(resultsDir, `${stamp}.md`);
  await writeFile(json, `${JSON.stringify(run, null, 2)}\n`);
  await writeFile(md, markdown(run));
  return { json, md };
}
