import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Where the machine's CPU goes while the platform is loaded: each service, its two servers, and the bench. */
export type CpuGroup = 'videos' | 'courses' | 'users' | 'postgres' | 'rabbitmq' | 'bench';
export const CPU_GROUPS: readonly CpuGroup[] = ['videos', 'courses', 'users', 'postgres', 'rabbitmq', 'bench'];

export interface CpuReading {
  /** CPU seconds each group had spent (user and system), at the moment of the reading. */
  seconds: Record<CpuGroup, number>;
  /** The machine's busy and total CPU seconds from /proc/stat, every core and the kernel's own work included. */
  machineBusy: number;
  machineTotal: number;
}

export interface CpuShare {
  /** ms of CPU per video, each group. */
  msPerVideo: Record<CpuGroup, number>;
  /** ms of CPU per video, the groups together. */
  totalMsPerVideo: number;
  /** Share of the machine's CPU (all cores) busy over the window, whoever used it. */
  machineBusy: number;
}

/** Clock ticks per second of /proc's times (USER_HZ): 100 on every common Linux, asked of the system once. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, and the same of the children it waited for (cutime + cstime), in ticks. */
  own: number;
  reaped: number;
}

function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone since the listing
  }
  // comm is in parentheses and may hold spaces: the fields after the last ')' are fixed.
  const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const tick = (i: number) => Number(fields[i] ?? 0);
  return { pid, comm, ppid: tick(1), own: tick(11) + tick(12), reaped: tick(13) + tick(14) };
}

function machineTimes(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / TICKS, total: (busy + idle + iowait) / TICKS };
}

/**
 * Reads, from Linux's /proc, the CPU each part of a loaded platform has used: the three service processes
 * (by pid), Postgres (every `postgres` process: backends, WAL writer, checkpointer), RabbitMQ (`beam.smp`),
 * and the bench itself (this process with the SMTP sink and the commit clocks, and its other children: the
 * load generator, counted through the parent's reaped-children times once it has exited). Two readings
 * around a window give each part's CPU per video: where the machine's two cores go.
 */
export function readCpu(services: Partial<Record<CpuGroup, number | undefined>>): CpuReading {
  const seconds = Object.fromEntries(CPU_GROUPS.map((group) => [group, 0])) as Record<CpuGroup, number>;
  const byPid = new Map(Object.entries(services).map(([group, pid]) => [pid, group as CpuGroup]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (!stat) continue;
    const group: CpuGroup | undefined =
      byPid.get(stat.pid) ??
      (stat.comm === 'postgres' ? 'postgres' : stat.comm === 'beam.smp' ? 'rabbitmq' : stat.ppid === process.pid ? 'bench' : undefined);
    if (group) seconds[group] += stat.own / TICKS;
    if (stat.pid === process.pid) seconds.bench += (stat.own + stat.reaped) / TICKS;
  }
  const machine = machineTimes();
  return { seconds, machineBusy: machine.busy, machineTotal: machine.total };
}

/** CPU seconds one process has spent so far (user and system). */
export function processCpuSeconds(pid: number): number {
  return (procStat(pid)?.own ?? 0) / TICKS;
}

/** What each part spent per video between two readings. */
export function cpuShare(before: CpuReading, after: CpuReading, videos: number): CpuShare {
  const perVideo = (group: CpuGroup) => (videos > 0 ? ((after.seconds[group] - before.seconds[group]) * 1000) / videos : 0);
  const msPerVideo = Object.fromEntries(CPU_GROUPS.map((group) => [group, perVideo(group)])) as Record<CpuGroup, number>;
  const total = after.machineTotal - before.machineTotal;
  return {
    msPerVideo,
    totalMsPerVideo: CPU_GROUPS.reduce((sum, group) => sum + msPerVideo[group], 0),
    machineBusy: total > 0 ? (after.machineBusy - before.machineBusy) / total : 0,
  };
}
