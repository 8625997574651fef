import { describe, expect, it } from 'vitest';
import { CodedError } from '../errors.js';
import { createFailover, withTimeout } from './failover.js';

const backend = (name: string, answer: () => Promise<string>) => ({ name, answer });

describe('createFailover', () => {
  it('prefers the first backend, falls back on failure and cools the failed one down', async () => {
    let now = 0;
    let calls = 0;
    const flaky = backend('primary', async () => {
      calls++;
      throw new Error('connection refused');
    });
    const failover = createFailover([flaky, backend('backup', async () => 'ok')], {
      timeoutMs: 50,
      cooldownMs: 1000,
      now: () => now,
    });
    expect(await failover.run((b) => b.answer())).toEqual({ result: 'ok', backend: 'backup', degraded: true });
    expect(failover.coolingDown()).toEqual(['primary']);
    await failover.run((b) => b.answer());
    expect(calls).toBe(1);
    now = 1000;
    await failover.run((b) => b.answer());
    expect(calls).toBe(2);
  });

  it("rethrows errors that are the caller's, and names every failure when all fail", async () => {
    const bad = createFailover([backend('a', async () => Promise.reject(new CodedError('invalid_input', 'no')))], {
      timeoutMs: 50,
    });
    await expect(bad.run((b) => b.answer())).rejects.toMatchObject({ code: 'invalid_input' });
    const down = createFailover(
      [backend('a', () => new Promise(() => undefined)), backend('b', async () => Promise.reject(new Error('boom')))],
      {
        timeoutMs: 10,
        failure: 'nothing answered',
      },
    );
    await expect(down.run((b) => b.answer())).rejects.toMatchObject({
      code: 'unavailable',
      message: 'nothing answered (a: a gave no answer within 10 ms; b: boom)',
    });
  });

  it('withTimeout passes a prompt answer through', async () => {
    expect(await withTimeout(Promise.resolve(3), 10, 'x')).toBe(3);
  });
});
