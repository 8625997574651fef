import { describe, expect, it } from 'vitest';
import { createTitleMatcher, normalizeTitle } from './title-match.js';

describe('normalizeTitle', () => {
  it.each([
    ['Matrix, The', 'The Matrix'],
    ['Matrix, The (1999)', 'matrix'],
    ["Schindler's List", 'Schindlers List'],
    ['Amélie', 'AMELIE'],
    ['Cité des enfants perdus, La', 'La cité des enfants perdus'],
    ['Fast & Furious', 'Fast and Furious'],
    ['Star Wars: Episode IV - A New Hope', 'Star Wars Episode IV A New Hope'],
    ['American President, An', 'The American President'],
  ])('%s == %s', (a, b) => {
    expect(normalizeTitle(a)).toBe(normalizeTitle(b));
  });

  it('keeps different titles apart', () => {
    expect(normalizeTitle('Heat')).not.toBe(normalizeTitle('The Heat Is On'));
  });
});

describe('createTitleMatcher', () => {
  const titles = new Map<number, string[]>([
    [1, ['Hamlet']],
    [2, ['Hamlet']],
    [3, ['The Lion King', 'The Lion King']],
    [4, ['Seven', 'Se7en']],
    [5, ['No Year']],
  ]);
  const years = new Map<number, number | null>([
    [1, 1996],
    [2, 1996],
    [3, 1994],
    [4, 1995],
    [5, null],
  ]);
  const match = createTitleMatcher(titles, years);

  it('returns the one match', () => {
    expect(match('Lion King, The', 1994)).toBe(3);
  });

  it('returns null when several movies share title and year', () => {
    expect(match('Hamlet', 1996)).toBeNull();
  });

  it('tries the parenthesised alternative title', () => {
    expect(match('Seven (a.k.a. Se7en)', 1995)).toBe(4);
    expect(match('Unknown Title (Se7en)', 1995)).toBe(4);
  });

  it('never matches a movie without a year', () => {
    expect(match('No Year', 2000)).toBeNull();
  });
});
