import { describe, expect, it } from 'vitest';
import { formatRuntime, formatVotes } from './format';

describe('formatRuntime', () => {
  it('writes hours and minutes', () => {
    expect(formatRuntime(81)).toBe('1 h 21 min');
    expect(formatRuntime(120)).toBe('2 h');
    expect(formatRuntime(45)).toBe('45 min');
  });
});

describe('formatVotes', () => {
  it('writes the average to one decimal and the count with separators', () => {
    expect(formatVotes(7.971, 17000)).toBe('8.0 · 17,000 votes');
    expect(formatVotes(6, 1)).toBe('6.0 · 1 vote');
  });

  it('is null without votes', () => {
    expect(formatVotes(null, null)).toBeNull();
    expect(formatVotes(0, 0)).toBeNull();
  });
});
