import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Commands run in process groups of their own, so that an interrupted run can stop each with all it started. */
export class Commands {
  private readonly running = new Set<number>();

  constructor(private readonly print: (line: string) => void) {}

  /** Runs a command, showing its output as it comes; resolves with its exit code and output. */
  run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CommandResult> {
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) this.running.add(pid);
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output += `${line}\n`;
        this.print(line);
      });
    }
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => {
        if (pid !== undefined) this.running.delete(pid);
        resolve({ code, output });
      });
    });
  }

  /** Like run, but fails unless the command exits 0. */
  async succeed(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CommandResult> {
    const result = await this.run(file, args, options);
    if (result.code !== 0) throw new Error(`${[file, ...args].join(' ')} exited with ${result.code}`);
    return result;
  }

  killAll(): void {
    for (const pid of this.running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.running.clear();
  }
}
