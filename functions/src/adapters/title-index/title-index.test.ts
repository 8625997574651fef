/**
 * The frequent-word shortcut must not change answers: over a generated catalog in which "the" and
 * "film" are in most titles, each query gets the same page with the shortcut as without it.
 */
import { describe, expect, it } from 'vitest';
import { buildTitleIndex, normalizeQuery, type TitleEntry } from './title-index.js';

const NAMES = ['shawshank redemption', 'dark knight', 'matrix', 'theory of everything', 'godfather', 'heat'];

function catalog(): TitleEntry[] {
  return Array.from({ length: 600 }, (_, i) => {
    const name = NAMES[i % NAMES.length]!;
    const form = Math.floor(i / NAMES.length) % 3;
    const title = form === 0 ? `${name} ${i}` : form === 1 ? `the ${name} film ${i}` : `film ${i} the ${name}`;
    return { id: i + 1, titles: [normalizeQuery(title)], voteCount: (i * 37) % 101, ratingCount: i % 7 };
  });
}

const QUERIES = [
  'the shawshank',
  'the shawshnk',
  'shawshank the',
  'the dark knigth',
  'film the',
  'the film 12',
  'the theo',
  'the matrix 3',
  'the',
  'film',
  'the film',
];

describe('title index', () => {
  it('answers as without the frequent-word shortcut', async () => {
    const entries = catalog();
    const shortcut = await buildTitleIndex(entries, { frequentLines: 100 });
    const plain = await buildTitleIndex(entries, { frequentLines: Number.POSITIVE_INFINITY });
    for (const q of QUERIES) {
      const page = { limit: 50, offset: 0 };
      const expected = plain.search(q, page);
      expect(expected.total, q).toBeGreaterThan(0);
      expect(shortcut.search(q, page), q).toEqual(expected);
    }
  });

  it('requires every word, forgives typos in the rarer ones and completes the last', async () => {
    const index = await buildTitleIndex(catalog(), { frequentLines: 100 });
    const page = { limit: 500, offset: 0 };
    expect(index.search('the shawshnk', page).total).toBe(66);
    expect(index.search('the shawshank 0', page).total).toBe(0);
    // Titles 590–593 are "film 59x the …"; 594–599 have no "film" and 59 has no "film" either.
    expect(index.search('film 59', page).ids.sort()).toEqual([591, 592, 593, 594]);
  });
});
