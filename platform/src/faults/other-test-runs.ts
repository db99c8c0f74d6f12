import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { testing } from '@course-platform/service-kit';

/** This process and its ancestors: the shell that started the suite may mention jest in its command line. */
function ownLineage(): Set<number> {
  const lineage = new Set<number>();
  for (let pid = process.pid; pid > 1 && !lineage.has(pid); ) {
    lineage.add(pid);
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return lineage;
}

function jestProcesses(): string[] {
  const lineage = ownLineage();
  try {
    return execFileSync('pgrep', ['-fa', 'jest'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() && !lineage.has(Number(line.split(' ')[0])));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * The suite restarts the shared broker and database server, which would break any other test run on this
 * machine: wait (bounded) until no jest runs. FAULTS_WAIT_FOR_JEST_MS=0 fails at once instead.
 */
export async function waitForOtherTestRuns(say: (line: string) => void): Promise<void> {
  const timeoutMs = Number(process.env.FAULTS_WAIT_FOR_JEST_MS ?? 15 * 60_000);
  const running = jestProcesses();
  if (running.length === 0) return;
  say(`waiting up to ${timeoutMs / 1_000} s for other test runs to end (this suite restarts RabbitMQ and Postgres):`);
  for (const line of running.slice(0, 5)) say(`  ${line.slice(0, 160)}`);
  await testing.eventually(() => jestProcesses().length === 0, { timeoutMs, intervalMs: 2_000 }).catch(() => {
    throw new Error(`other test runs still running after ${timeoutMs / 1_000} s; not disturbing them`);
  });
}
