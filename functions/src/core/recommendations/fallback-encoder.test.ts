import { describe, expect, it } from 'vitest';
import { CodedError } from '../errors.js';
import { createFallbackEncoder, DEFAULT_COOLDOWN_MS, type FallbackEvent } from './fallback-encoder.js';
import type { RatedMovie, UserEncoder } from './user-encoder.port.js';

const HISTORIES: RatedMovie[][] = [[{ movieId: 1, rating: 4 }], []];

/** An encoder whose next answers are scripted: a vector fill value, an error, or 'hang'. */
function scripted(name: string, ...answers: (number | Error | 'hang')[]) {
  const calls: RatedMovie[][][] = [];
  const encoder: UserEncoder = {
    name,
    async encode(histories) {
      calls.push(histories);
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === 'hang') return new Promise<never>(() => {});
      if (answer instanceof Error) throw answer;
      return histories.map(() => new Float32Array(2).fill(answer));
    },
  };
  return { encoder, calls };
}

function clock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const down = () => new CodedError('unavailable', 'connection refused');

describe('createFallbackEncoder', () => {
  it('answers from the first encoder when it works', async () => {
    const first = scripted('first', 1);
    const second = scripted('second', 2);
    const encoder = createFallbackEncoder([first.encoder, second.encoder], { timeoutMs: 50 });
    expect(encoder.name).toBe('fallback(first, second)');
    const result = await encoder.encodeDetailed(HISTORIES);
    expect(result).toEqual({
      embeddings: [Float32Array.of(1, 1), Float32Array.of(1, 1)],
      encoder: 'first',
      degraded: false,
    });
    expect(first.calls).toEqual([HISTORIES]);
    expect(second.calls).toHaveLength(0);
    expect(await encoder.encode(HISTORIES)).toEqual(result.embeddings);
  });

  it('falls back on an error and on a timeout, reporting each failure', async () => {
    const events: FallbackEvent[] = [];
    const failing = scripted('failing', down());
    const hanging = scripted('hanging', 'hang');
    const last = scripted('last', 3);
    const encoder = createFallbackEncoder([failing.encoder, hanging.encoder, last.encoder], {
      timeoutMs: 5,
      onFallback: (e) => events.push(e),
    });
    const result = await encoder.encodeDetailed(HISTORIES);
    expect(result).toMatchObject({ encoder: 'last', degraded: true });
    expect(result.embeddings[0]).toEqual(Float32Array.of(3, 3));
    expect(events.map((e) => e.encoder)).toEqual(['failing', 'hanging']);
    expect(events[0]!.error).toMatchObject({ message: 'connection refused' });
    expect(events[1]!.error).toMatchObject({ code: 'unavailable', message: 'hanging gave no answer within 5 ms' });
  });

  it('skips a failed encoder for the cooldown, then tries it again', async () => {
    const time = clock();
    const flaky = scripted('flaky', down(), down(), 1);
    const backup = scripted('backup', 2);
    const encoder = createFallbackEncoder([flaky.encoder, backup.encoder], {
      timeoutMs: 50,
      cooldownMs: 1_000,
      now: time.now,
    });

    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'backup', degraded: true });
    time.advance(999);
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'backup' });
    expect(flaky.calls).toHaveLength(1); // skipped while cooling down

    time.advance(1);
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'backup' });
    expect(flaky.calls).toHaveLength(2); // tried again, failed again: a new cooldown
    time.advance(500);
    await encoder.encodeDetailed(HISTORIES);
    expect(flaky.calls).toHaveLength(2);

    time.advance(500);
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'flaky', degraded: false });
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'flaky' }); // recovered: no cooldown left
    expect(backup.calls).toHaveLength(4);
  });

  it('cools down for 10 s by default', async () => {
    const time = clock();
    const flaky = scripted('flaky', down(), 1);
    const encoder = createFallbackEncoder([flaky.encoder, scripted('backup', 2).encoder], {
      timeoutMs: 50,
      now: time.now,
    });
    await encoder.encode(HISTORIES);
    time.advance(DEFAULT_COOLDOWN_MS - 1);
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'backup' });
    time.advance(1);
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'flaky' });
  });

  it('is unavailable when every encoder fails; the last one is the last resort and always tried', async () => {
    const time = clock();
    const a = scripted('a', down());
    const b = scripted('b', new Error('boom'));
    const encoder = createFallbackEncoder([a.encoder, b.encoder], { timeoutMs: 50, now: time.now });
    const error = await encoder.encode(HISTORIES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: 'no user encoder could answer (a: connection refused; b: boom)',
    });
    expect((error as Error).cause).toMatchObject({ message: 'boom' });

    time.advance(2_500);
    await expect(encoder.encode(HISTORIES)).rejects.toMatchObject({
      code: 'unavailable',
      message: 'no user encoder could answer (a: skipped for 7500 ms after a failure; b: boom)',
    });
    expect([a.calls.length, b.calls.length]).toEqual([1, 2]);
  });

  it('passes bad input straight through, without a fallback or a cooldown', async () => {
    const strict = scripted('strict', new CodedError('invalid_input', 'rating is not a number'), 1);
    const backup = scripted('backup', 2);
    const encoder = createFallbackEncoder([strict.encoder, backup.encoder], { timeoutMs: 50, now: clock().now });
    await expect(encoder.encode(HISTORIES)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'rating is not a number',
    });
    expect(backup.calls).toHaveLength(0);
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'strict' });
  });

  it('moves on from an encoder that cannot encode a history, without cooling it down', async () => {
    const picky = scripted('picky', new CodedError('unprocessable', 'history 0 is empty'), 1);
    const backup = scripted('backup', 2);
    const encoder = createFallbackEncoder([picky.encoder, backup.encoder], { timeoutMs: 50, now: clock().now });
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'backup', degraded: true });
    expect(await encoder.encodeDetailed(HISTORIES)).toMatchObject({ encoder: 'picky', degraded: false });
  });

  it('needs at least one encoder', () => {
    expect(() => createFallbackEncoder([], { timeoutMs: 50 })).toThrow(/at least one encoder/);
  });
});
