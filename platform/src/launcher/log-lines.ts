import { readFileSync } from 'node:fs';

const colours = { videos: 36, courses: 35, users: 33, console: 34, maildev: 32, platform: 37 } as const;
const levels: Record<string, string> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR', fatal: 'FATAL' };
const noise = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname']);

/** Turns a service's JSON log line into one readable, prefixed line; other lines are prefixed as they are. */
export function formatLogLine(source: keyof typeof colours, line: string, colour = process.stdout.isTTY): string {
  const prefix = colour ? `\x1b[${colours[source]}m[${source.padEnd(7)}]\x1b[0m` : `[${source.padEnd(7)}]`;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
    const fields = Object.entries(entry)
      .filter(([k]) => !noise.has(k))
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ');
    return `${prefix} ${time} ${levels[String(entry.level)] ?? String(entry.level)} ${String(entry.msg ?? '')} ${fields}`.trimEnd();
  } catch {
    return `${prefix} ${line}`;
  }
}

export type LogSource = keyof typeof colours;

/** The last lines of a log file, each cut short: a logged error carries its whole stack in one JSON line. */
export function logTail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((line) => line.slice(0, 300))
      .join('\n');
  } catch {
    return '(no log)';
  }
}
