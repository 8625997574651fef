import { describe, expect, it } from 'vitest';
import { activitySummary, fillMonths, monthLabel, padMonths } from './chart-data';

describe('chart data', () => {
  it('fills quiet months with zero, across a year end', () => {
    const months = fillMonths([
      { month: '2019-02', count: 3 },
      { month: '2018-11', count: 5 },
    ]);
    expect(months).toEqual([
      { month: '2018-11', count: 5 },
      { month: '2018-12', count: 0 },
      { month: '2019-01', count: 0 },
      { month: '2019-02', count: 3 },
    ]);
    expect(activitySummary(months)).toBe('8 ratings from Nov 2018 to Feb 2019; the busiest month was Nov 2018 with 5.');
  });

  it('pads a short history with the months before it', () => {
    const padded = padMonths([{ month: '2024-02', count: 6 }], 3);
    expect(padded.map((m) => m.month)).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(padMonths([], 3)).toEqual([]);
  });

  it('names months and sums a single one', () => {
    expect(monthLabel('2018-09')).toBe('Sep 2018');
    expect(activitySummary([{ month: '2024-02', count: 6 }])).toBe('All 6 ratings in Feb 2024.');
  });
});
