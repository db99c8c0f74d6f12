/** When a scenario measured, in this process's `performance.now()` milliseconds. */
export interface MeasuredWindow {
  from: number;
  to: number;
}

/**
 * This process's CPU time (user + system), sampled every few milliseconds, so that the CPU spent inside a
 * scenario's measured window can be read afterwards: setup and warm-up cost the same in every mode but are
 * not the work measured, and counting them would make a costlier mode look cheaper per event.
 */
export class CpuTimeline {
  private readonly samples: Array<{ at: number; cpuMs: number }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 10) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** CPU milliseconds spent between two instants, each read between the samples around it. */
  cpuMsBetween({ from, to }: MeasuredWindow): number {
    return this.cpuMsAt(to) - this.cpuMsAt(from);
  }

  private sample(): void {
    const { user, system } = process.cpuUsage();
    this.samples.push({ at: performance.now(), cpuMs: (user + system) / 1000 });
  }

  private cpuMsAt(at: number): number {
    const after = this.samples.findIndex((s) => s.at >= at);
    if (after <= 0) throw new Error(`no CPU sample around ${at.toFixed(0)} ms`);
    const [a, b] = [this.samples[after - 1]!, this.samples[after]!];
    return a.cpuMs + ((b.cpuMs - a.cpuMs) * (at - a.at)) / (b.at - a.at || 1);
  }
}
