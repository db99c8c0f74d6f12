import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { LoopReading, ServiceName, ServiceReport, ServiceRequest } from './service-job';

/**
 * A platform service running in a child process (same node flags as the bench), seen from the bench: its
 * port, the commits its clock reports (merged into the map the caller gives) and readings of its event loop.
 */
export class ServiceProcess {
  private waiting: Array<{ kind: ServiceReport['kind']; resolve: (report: ServiceReport) => void }> = [];
  private failure: Error | null = null;
  /** The service's HTTP port, known once it started. */
  port = 0;

  private constructor(
    readonly service: ServiceName,
    private readonly child: ChildProcess,
    private readonly commits: Map<string, number>,
  ) {
    child.on('message', (report: ServiceReport) => this.receive(report));
    child.once('exit', (code) => this.fail(new Error(`the ${service} process exited with code ${code}`)));
  }

  /**
   * Starts `service` in a process of its own: the platform's (service-worker.js, tracing preloaded as in the
   * images) or B7 raw's (raw-chain-worker.js, which has no tracing to preload).
   */
  static async start(
    service: ServiceName,
    env: Record<string, string>,
    commits: Map<string, number>,
    raw = false,
  ): Promise<ServiceProcess> {
    const preload = raw ? [] : ['-r', resolve(__dirname, '../tracing-cost/preload.js')];
    const child = fork(resolve(__dirname, raw ? 'raw-chain-worker.js' : 'service-worker.js'), [], {
      execArgv: [...process.execArgv, ...preload],
      env: { ...process.env, BENCH_SERVICE: service },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const proc = new ServiceProcess(service, child, commits);
    const started = await proc.ask({ kind: 'start', service, env }, 'started');
    proc.port = (started as Extract<ServiceReport, { kind: 'started' }>).port;
    return proc;
  }

  /** The service's process id: the bench reads its CPU from /proc. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async loop(): Promise<LoopReading> {
    return ((await this.ask({ kind: 'loop' }, 'loop')) as Extract<ServiceReport, { kind: 'loop' }>).reading;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.failure) return;
    await this.ask({ kind: 'stop' }, 'stopped');
  }

  private ask(request: ServiceRequest, answer: ServiceReport['kind']): Promise<ServiceReport> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolvePromise, reject) => {
      this.waiting.push({ kind: answer, resolve: resolvePromise });
      this.child.send(request, (error) => error && reject(error));
    }).then((report) => {
      if (this.failure) throw this.failure;
      return report as ServiceReport;
    });
  }

  private receive(report: ServiceReport): void {
    if (report.kind === 'commits') {
      for (const [key, at] of report.entries) this.commits.set(key, at);
      return;
    }
    if (report.kind === 'failed') return this.fail(new Error(`the ${this.service} process failed: ${report.error}`));
    const index = this.waiting.findIndex((w) => w.kind === report.kind);
    if (index >= 0) this.waiting.splice(index, 1)[0]?.resolve(report);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    // Whoever waits gets the failure: resolving lets `ask` throw it.
    for (const w of this.waiting.splice(0)) w.resolve({ kind: 'failed', error: error.message });
  }
}
