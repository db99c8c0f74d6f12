import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { LoadJob, LoadResult } from './load-job';

/** Runs a load job in a child process (same node flags as this one) and resolves with its result. */
export function generateLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(resolve(__dirname, 'load-worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (message: { result?: LoadResult; error?: string }) => {
      answered = true;
      if (message.result) resolvePromise(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load generator exited with code ${code} before answering`));
    });
    child.once('spawn', () => child.send(job));
  });
}
