import { retryDelayMs } from '../../../src/domain/delivery-backoff';

test('doubles the delay with every failed attempt, up to the cap', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };
  expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => retryDelayMs(attempts, policy))).toEqual([
    1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
  ]);
  expect(retryDelayMs(10_000, policy)).toBe(60_000);
});
