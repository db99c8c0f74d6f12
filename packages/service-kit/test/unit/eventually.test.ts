import { testing } from '../../src';

const { eventually } = testing;

describe('eventually', () => {
  it('returns the result once the check stops returning false', async () => {
    let calls = 0;
    await expect(eventually(() => (++calls >= 3 ? `after ${calls}` : false), { intervalMs: 1 })).resolves.toBe('after 3');
  });

  it('retries while the check throws, as an assertion does', async () => {
    let calls = 0;
    const check = () => {
      calls += 1;
      expect(calls).toBeGreaterThan(2);
    };
    await expect(eventually(check, { intervalMs: 1 })).resolves.toBeUndefined();
    expect(calls).toBe(3);
  });

  it('awaits asynchronous checks', async () => {
    let calls = 0;
    await expect(eventually(async () => (++calls === 2 ? calls : false), { intervalMs: 1 })).resolves.toBe(2);
  });

  it('fails at the deadline with the last failure', async () => {
    let calls = 0;
    const check = () => {
      calls += 1;
      throw new Error(`still waiting (${calls})`);
    };
    await expect(eventually(check, { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(/^eventually timed out: still waiting \(\d+\)$/);
    expect(calls).toBeGreaterThan(1);
  });

  it('says so when the check kept returning false', async () => {
    await expect(eventually(() => false, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow('eventually timed out: condition returned false');
  });
});
