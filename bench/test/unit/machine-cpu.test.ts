import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { testing } from '@course-platform/service-kit';
import { cpuShare, readCpu, type CpuReading } from '../../src/support/machine-cpu';

/** A child node process that spins for `ms` of CPU, then exits. */
function spinner(ms: number) {
  return spawn(process.execPath, ['-e', `const end = process.cpuUsage().user + ${ms * 1000}; while (process.cpuUsage().user < end);`], {
    stdio: 'ignore',
  });
}

describe('readCpu', () => {
  it("counts a child that has exited in the bench's group", async () => {
    const before = readCpu({});
    const child = spinner(300);
    await once(child, 'exit');
    // Once it has exited and been reaped, its CPU is in the reaped-children times of this process, which
    // the bench's group counts (as it counts the load generator's after each load).
    const after = readCpu({});
    expect(after.seconds.bench - before.seconds.bench).toBeGreaterThanOrEqual(0.25);
    expect(after.machineBusy - before.machineBusy).toBeGreaterThan(0);
  });

  it('reads a live process in the group its pid is given', async () => {
    // Spins for 400 ms of its own CPU, however busy the machine, then idles until killed.
    const child = spawn(
      process.execPath,
      ['-e', 'const end = process.cpuUsage().user + 400_000; while (process.cpuUsage().user < end); setInterval(() => {}, 1_000);'],
      {
        stdio: 'ignore',
      },
    );
    const pid = child.pid as number;
    try {
      const ownBefore = process.cpuUsage();
      const before = readCpu({ videos: pid });
      // Until the child has spun 250 ms (10 s at most, on a machine busy with other work).
      const during = await testing.eventually(
        () => {
          const reading = readCpu({ videos: pid });
          return reading.seconds.videos - before.seconds.videos >= 0.25 && reading;
        },
        { timeoutMs: 10_000, intervalMs: 20 },
      );
      expect(during.seconds.videos - before.seconds.videos).toBeGreaterThanOrEqual(0.25);
      // While it lives, the child is the videos group's, not the bench's: the bench grew by this process's own
      // CPU alone (its readings), give or take the ticks /proc counts in.
      const own = process.cpuUsage(ownBefore);
      expect(during.seconds.bench - before.seconds.bench).toBeLessThan((own.user + own.system) / 1e6 + 0.05);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });
});

describe('cpuShare', () => {
  const reading = (videos: number, postgres: number, busy: number, total: number): CpuReading => ({
    seconds: { videos, courses: 0, users: 0, postgres, rabbitmq: 0, bench: 0 },
    machineBusy: busy,
    machineTotal: total,
  });

  it('divides each group by the videos and the machine by its total', () => {
    const share = cpuShare(reading(10, 20, 100, 200), reading(12, 21, 150, 300), 1_000);
    expect(share.msPerVideo.videos).toBeCloseTo(2);
    expect(share.msPerVideo.postgres).toBeCloseTo(1);
    expect(share.totalMsPerVideo).toBeCloseTo(3);
    expect(share.machineBusy).toBeCloseTo(0.5);
  });

  it('answers zero rather than dividing by no video', () => {
    const share = cpuShare(reading(10, 20, 100, 200), reading(12, 21, 150, 300), 0);
    expect(share.totalMsPerVideo).toBe(0);
  });
});
