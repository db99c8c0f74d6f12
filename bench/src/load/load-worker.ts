import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { summarize } from '../support/percentiles';
import type { LoadJob, LoadResult } from './load-job';

/**
 * The load generator, in a process of its own so that it never shares an event loop with the server it
 * measures. It runs one job sent by the parent over IPC, answers with the result and exits.
 */

async function closedLoop(job: Extract<LoadJob, { kind: 'closed' }>): Promise<LoadResult> {
  const run = (seconds: number) =>
    autocannon({
      url: job.url,
      connections: job.connections,
      duration: seconds,
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'PUT', body: job.body, setupRequest: (req) => ({ ...req, path: `${job.pathPrefix}${randomUUID()}` }) }],
    });
  if (job.warmupSeconds > 0) await run(job.warmupSeconds);
  const result = await run(job.seconds);
  const ok = result['2xx'];
  return {
    seconds: result.duration,
    ok,
    failed: result.non2xx + result.errors,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

function put(agent: Agent, url: URL, path: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'PUT',
        path,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * An open loop: request i leaves at start + i / rate whatever the server does (autocannon's own rate limit
 * sends each second's quota in a burst at the start of the second, which is not a steady rate).
 */
async function steadyRate(job: Extract<LoadJob, { kind: 'steady' }>): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(job.url);
  const total = Math.round(job.rate * job.seconds);
  const latencies: number[] = [];
  const inFlight: Array<Promise<void>> = [];
  let failed = 0;
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / job.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(
      put(agent, url, `${job.pathPrefix}${randomUUID()}`, job.body).then((status) => {
        if (status >= 200 && status < 300) latencies.push(performance.now() - sent);
        else failed += 1;
      }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  const { p50, p99, max } = summarize(latencies);
  return { seconds, ok: latencies.length, failed, rps: latencies.length / seconds, p50, p99, max };
}

// The parent went away (Ctrl-C, a crash): stop loading its servers.
process.once('disconnect', () => process.exit(0));
process.once('message', (job: LoadJob) => {
  const run = job.kind === 'closed' ? closedLoop(job) : steadyRate(job);
  run.then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
  );
});
