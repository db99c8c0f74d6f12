import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { FreshInfra } from '../fresh-infra';
import { generateLoad } from '../load/load-generator';
import type { LoadResult } from '../load/load-job';
import type { BenchSettings } from '../settings';
import { processCpuSeconds } from '../support/machine-cpu';
import { videoBody } from '../support/video-events';

export interface RawSteadyRateResult {
  rate: number;
  load: LoadResult;
  /** CPU the server process spent per request answered in the measured window, ms. */
  cpuMsPerRequest: number;
}

/**
 * B1c: B1a's raw server (express, one pg insert) in a process of its own, sent B5's rate of new videos as
 * B5 sends them (an open loop, the same warm-up and window). Its CPU per request is what the videos
 * process's CPU per video in B5 compares against: at a steady rate each request runs alone on a mostly idle
 * process, which costs several times what the same request costs in B1a's saturated closed loop.
 */
export async function rawSteadyRate(infra: FreshInfra, settings: BenchSettings): Promise<RawSteadyRateResult> {
  const server = fork(resolve(__dirname, '../services/raw-server-worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const answer = await new Promise<{ port?: number; error?: string }>((resolvePromise, reject) => {
      server.once('message', resolvePromise);
      server.once('exit', (code) => reject(new Error(`the raw server exited with code ${code} before listening`)));
      server.once('spawn', () => server.send(infra.db.urlFor('videos_service')));
    });
    if (!answer.port) throw new Error(`the raw server failed: ${answer.error}`);
    const pid = server.pid as number;
    const { latencyRate: rate, latencySeconds: seconds, warmupSeconds } = settings;
    let before = 0;
    const warmedUp = setTimeout(() => (before = processCpuSeconds(pid)), warmupSeconds * 1000);
    const load = await generateLoad({
      kind: 'steady',
      url: `http://127.0.0.1:${answer.port}`,
      pathPrefix: '/videos/',
      body: videoBody(randomUUID()),
      rate,
      seconds: warmupSeconds + seconds,
    });
    clearTimeout(warmedUp);
    const spent = processCpuSeconds(pid) - before;
    return { rate, load, cpuMsPerRequest: (spent * 1000) / (rate * seconds) };
  } finally {
    server.disconnect();
  }
}
