import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { testing } from '@course-platform/service-kit';
import type { BenchSettings } from '../settings';
import type { TracedRun, TracedScenario, TracingJob, TracingMode, TracingReport } from '../tracing-cost/tracing-job';

const ROUNDS = { full: 2, quick: 1 } as const;

export interface TracingCostResult {
  runs: TracedRun[];
  /** Spans the exporting runs sent, as OTLP/HTTP protobuf bytes received by the bench. */
  exportedBytes: number;
}

/** The standard variables each mode's process gets; tracing itself is preloaded as in the services. */
export function modeEnv(mode: TracingMode, endpoint: string): NodeJS.ProcessEnv {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: _endpoint, OTEL_SDK_DISABLED: _disabled, ...env } = process.env;
  if (mode === 'off') return { ...env, OTEL_SDK_DISABLED: 'true' };
  if (mode === 'ids-only') return env;
  return { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_TRACES_SAMPLER: 'always_on' };
}

function runTraced(job: TracingJob, mode: TracingMode, endpoint: string): Promise<TracedRun> {
  const child = fork(resolve(__dirname, '../tracing-cost/tracing-worker.js'), [], {
    execArgv: [...process.execArgv, '-r', resolve(__dirname, '../tracing-cost/preload.js')],
    env: modeEnv(mode, endpoint),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolvePromise, reject) => {
    let answered = false;
    child.once('message', (report: TracingReport) => {
      answered = true;
      if ('result' in report) resolvePromise({ ...report.result, mode });
      else reject(new Error(`${job.scenario} with tracing ${mode} failed: ${report.error}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`${job.scenario} with tracing ${mode} exited with code ${code} before answering`));
    });
    child.once('spawn', () => child.send(job));
  });
}

/**
 * B2 and B4 again, each in a process of its own per mode, one after the other in this run: tracing off
 * (OTEL_SDK_DISABLED), on without an exporter (spans made and dropped: what logs' trace ids cost), and on
 * exporting every span (always_on) over OTLP/HTTP protobuf to a receiver in the bench process.
 */
export async function tracingCost(settings: BenchSettings, progress: (line: string) => void): Promise<TracingCostResult> {
  const receiver = await testing.OtlpReceiver.start();
  const runs: TracedRun[] = [];
  try {
    // The modes take turns, twice in a full run: a neighbour's burst on a shared machine then moves one run
    // of a mode, not the mode's whole figure.
    for (let round = 1; round <= ROUNDS[settings.mode]; round += 1) {
      for (const scenario of ['B2', 'B4'] as TracedScenario[]) {
        for (const mode of ['off', 'ids-only', 'exported'] as TracingMode[]) {
          const run = await runTraced({ scenario, settings }, mode, receiver.endpoint);
          progress(`${scenario} tracing ${mode} (round ${round}): ${Math.round(run.perSecond)}/s, ${run.cpuMsPerEvent.toFixed(3)} CPU ms per event`);
          runs.push(run);
        }
      }
    }
    return { runs, exportedBytes: receiver.protobufBodies.reduce((sum, body) => sum + body.length, 0) };
  } finally {
    await receiver.stop();
  }
}
