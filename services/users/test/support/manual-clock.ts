/** A clock the test moves by hand, so time-based behaviour is tested without waiting. */
export class ManualClock {
  private current: Date;

  constructor(start = new Date('2030-01-01T00:00:00.000Z')) {
    this.current = start;
  }

  readonly now = (): Date => new Date(this.current);

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
