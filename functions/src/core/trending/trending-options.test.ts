import { describe, expect, it } from 'vitest';
import { CodedError } from '../errors.js';
import { DEFAULT_TRENDING_OPTIONS, ratingWeight, ratingWeightTable, trendingOptions } from './trending-options.js';

describe('trending options', () => {
  it('fills in the defaults', () => {
    expect(trendingOptions()).toEqual({ windowDays: 90, halfLifeDays: 14, size: 200, minRatings: 2 });
    expect(trendingOptions({ size: 10 })).toEqual({ ...DEFAULT_TRENDING_OPTIONS, size: 10 });
  });

  it('names each bad option', () => {
    const attempt = () => trendingOptions({ windowDays: 0, size: 2.5 });
    expect(attempt).toThrow(CodedError);
    expect(attempt).toThrow(/windowDays: .*; size: /);
  });
});

describe('rating weights', () => {
  it('counts liked ratings fully and low ones half', () => {
    expect([ratingWeight(0.5), ratingWeight(3), ratingWeight(3.5), ratingWeight(5)]).toEqual([0.5, 0.5, 1, 1]);
  });

  it('tabulates every valid rating at index rating * 2 - 1', () => {
    expect(ratingWeightTable()).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1]);
  });
});
