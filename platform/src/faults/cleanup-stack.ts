/** What to undo, run last-in first-out; a step that fails is reported and the others still run. */
export class CleanupStack {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> }> = [];

  push(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step once, each bounded by `timeoutMs`; returns the failures as readable lines. */
  async run(timeoutMs = 60_000): Promise<string[]> {
    const failures: string[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([step.run(), timeout]);
      } catch (error) {
        failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
    return failures;
  }
}
