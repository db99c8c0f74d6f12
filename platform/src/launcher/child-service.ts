import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../generated-docs';
import { formatLogLine } from './log-lines';
import type { ConsoleLaunch, ServiceLaunch } from './platform-env';

/** One service (or the console) run as its own process, as `pnpm start` in its folder (or its image) runs it, logs prefixed. */
export class ChildService {
  private child: ChildProcess | null = null;
  /** Set when the command could not be started at all (e.g. an image command that is not on PATH). */
  private spawnError: Error | null = null;

  constructor(
    readonly launch: ServiceLaunch | ConsoleLaunch,
    private readonly print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    /** Colour the prefixes: on for a terminal, off when the lines go to a file. */
    private readonly colour = process.stdout.isTTY,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.launch.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const { image, env } = this.launch;
    const [file = '', ...args] = image?.command ?? [process.execPath, '--conditions=source', '-r', 'ts-node/register', '-r', './src/tracing.ts', 'src/main.ts'];
    const child = spawn(file, args, {
      cwd: image?.folder ?? resolve(repoRoot, this.launch.name === 'console' ? this.launch.folder : `services/${this.launch.name}`),
      env: image ? env : { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('error', (error) => (this.spawnError = error));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.print(formatLogLine(this.launch.name, line, this.colour)));
    }
    this.child = child;
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.spawnError) throw new Error(`${this.launch.name} could not start: ${this.spawnError.message}`);
      if (this.child?.exitCode != null) throw new Error(`${this.launch.name} exited with code ${this.child.exitCode}`);
      const ok = await fetch(`${this.url}/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.launch.name} was not ready within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  kill(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  /** SIGTERM, then wait for the graceful stop; SIGKILL only if it overruns. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = once(child, 'exit') as Promise<[number | null]>;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const [code] = await exited;
    clearTimeout(timer);
    return code;
  }
}
