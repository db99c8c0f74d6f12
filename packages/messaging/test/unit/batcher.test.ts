import { Batcher } from '../../src/batcher';

/** A batcher whose runs are recorded and held until the test lets them finish. */
function recordingBatcher(options: { size: number; lingerMs: number; concurrency: number }) {
  const runs: Array<{ batch: number[]; at: number; finish(): void }> = [];
  let notify = () => {};
  const batcher = new Batcher<number>({
    ...options,
    run: (batch) =>
      new Promise<void>((finish) => {
        runs.push({ batch, at: performance.now(), finish });
        notify();
      }),
  });
  const runCount = (count: number) =>
    new Promise<void>((resolve) => {
      notify = () => runs.length >= count && resolve();
      notify();
    });
  return { batcher, runs, runCount };
}

test('a batch never takes more than its size; what is left waits for a free worker', async () => {
  const { batcher, runs, runCount } = recordingBatcher({ size: 3, lingerMs: 0, concurrency: 2 });
  for (let i = 1; i <= 8; i += 1) batcher.add(i);
  await runCount(2);
  expect(runs.map((r) => r.batch)).toEqual([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  runs[0]?.finish();
  await runCount(3);
  expect(runs[2]?.batch).toEqual([7, 8]);
});

test('without linger, what arrived together is taken at once', async () => {
  const { batcher, runs, runCount } = recordingBatcher({ size: 100, lingerMs: 0, concurrency: 1 });
  const added = performance.now();
  batcher.add(1);
  batcher.add(2);
  await runCount(1);
  expect(runs[0]?.batch).toEqual([1, 2]);
  expect(runs[0]!.at - added).toBeLessThan(50);
});

test('with linger, a lone item waits about the linger for company, and a full batch does not wait', async () => {
  const lingerMs = 200;
  const { batcher, runs, runCount } = recordingBatcher({ size: 3, lingerMs, concurrency: 2 });
  const added = performance.now();
  batcher.add(1);
  await runCount(1);
  const waited = runs[0]!.at - added;
  expect(runs[0]?.batch).toEqual([1]);
  expect(waited).toBeGreaterThanOrEqual(lingerMs - 1);
  expect(waited).toBeLessThan(lingerMs + 150);

  const filled = performance.now();
  for (const item of [2, 3, 4]) batcher.add(item);
  await runCount(2);
  expect(runs[1]?.batch).toEqual([2, 3, 4]);
  expect(runs[1]!.at - filled).toBeLessThan(lingerMs / 2);
});

test('removed items are not run', async () => {
  const { batcher, runs, runCount } = recordingBatcher({ size: 10, lingerMs: 0, concurrency: 1 });
  for (const item of [1, 2, 3, 4]) batcher.add(item);
  expect(batcher.remove((item) => item % 2 === 0)).toEqual([2, 4]);
  await runCount(1);
  expect(runs[0]?.batch).toEqual([1, 3]);
});
