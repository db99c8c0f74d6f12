/** How the deliveries of one consumer are grouped into transactions. */
export interface BatcherOptions<T> {
  /** Items one batch takes at most. */
  size: number;
  /** How long the oldest waiting item may wait for a batch to fill while a worker is free (0: not at all). */
  lingerMs: number;
  /** Batches run at once. */
  concurrency: number;
  run(batch: T[]): Promise<void>;
}

interface Waiting<T> {
  item: T;
  at: number;
}

/**
 * Gathers items into batches of up to `size`, run by up to `concurrency` workers. A free worker takes a batch
 * once it is full or its oldest item has waited `lingerMs`; it looks only after the current socket read has
 * been delivered, so that with no linger at all the messages of one read still share a transaction.
 */
export class Batcher<T> {
  private readonly waiting: Array<Waiting<T>> = [];
  private running = 0;
  private pumpScheduled = false;
  private lingerTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BatcherOptions<T>) {}

  add(item: T): void {
    this.waiting.push({ item, at: performance.now() });
    this.schedulePump();
  }

  /** Takes the waiting items `drop` selects out of the queue, and returns them. */
  remove(drop: (item: T) => boolean): T[] {
    const removed: T[] = [];
    for (let i = this.waiting.length - 1; i >= 0; i -= 1) {
      const waiting = this.waiting[i];
      if (!waiting || !drop(waiting.item)) continue;
      this.waiting.splice(i, 1);
      removed.unshift(waiting.item);
    }
    return removed;
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const { size, lingerMs, concurrency } = this.options;
    while (this.running < concurrency && this.waiting.length > 0) {
      const oldest = this.waiting[0];
      const lingerLeft = oldest && this.waiting.length < size ? oldest.at + lingerMs - performance.now() : 0;
      if (lingerLeft > 0) {
        this.lingerTimer ??= setTimeout(() => {
          this.lingerTimer = undefined;
          this.pump();
        }, Math.ceil(lingerLeft)).unref();
        return;
      }
      const batch = this.waiting.splice(0, size).map((waiting) => waiting.item);
      this.running += 1;
      void this.options.run(batch).finally(() => {
        this.running -= 1;
        this.schedulePump();
      });
    }
  }
}
