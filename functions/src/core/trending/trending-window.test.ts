import { describe, expect, it } from 'vitest';
import { candidateWindowDays, chooseTrendingWindow } from './trending-window.js';

const DAY_MS = 86_400_000;
const newest = new Date('2018-09-24T00:00:00Z');
const rangeOf = (spanDays: number) => ({ oldest: new Date(newest.getTime() - spanDays * DAY_MS), newest });

describe('trending window', () => {
  it('doubles the window until it reaches the oldest rating', () => {
    expect(candidateWindowDays(rangeOf(1000), 90)).toEqual([90, 180, 360, 720, 1440]);
    expect(candidateWindowDays(rangeOf(720), 90)).toEqual([90, 180, 360, 720]);
    expect(candidateWindowDays(rangeOf(10), 90)).toEqual([90]);
  });

  it('ends at the newest rating and keeps the given length when enough movies qualify', async () => {
    const window = await chooseTrendingWindow(rangeOf(1000), { windowDays: 90, size: 5 }, async () => 5);
    expect(window).toEqual({ start: new Date('2018-06-26T00:00:00Z'), end: newest, days: 90 });
  });

  it('takes the shortest wider window holding enough movies', async () => {
    const asked: number[] = [];
    // Eligible movies grow by 2 per 90 days further back.
    const eligible = async (start: Date) => {
      const days = (newest.getTime() - start.getTime()) / DAY_MS;
      asked.push(days);
      return (2 * days) / 90;
    };
    const window = await chooseTrendingWindow(rangeOf(1000), { windowDays: 90, size: 7 }, eligible);
    expect(window.days).toBe(360);
    expect(asked).toEqual([90, 180, 360]);
  });

  it('falls back to the whole range without counting it', async () => {
    const asked: number[] = [];
    const window = await chooseTrendingWindow(rangeOf(300), { windowDays: 90, size: 100 }, async (start) => {
      asked.push(start.getTime());
      return 1;
    });
    expect(window.days).toBe(360);
    expect(asked).toHaveLength(2);
  });
});
