import { describe, expect, it } from 'vitest';
import { parseGenreList, parseTitle } from './titles.js';

describe('parseTitle', () => {
  it.each([
    ['Toy Story (1995)', 'Toy Story', 1995],
    ['Matrix, The (1999)', 'Matrix, The', 1999],
    ['Runaway Brain (1995) ', 'Runaway Brain', 1995],
    ['  Assembly  (Ji jie hao)   (2007) ', 'Assembly (Ji jie hao)', 2007],
    ['Kolya (Kolja) (1996)', 'Kolya (Kolja)', 1996],
    ['Fawlty Towers (1975-1979)', 'Fawlty Towers', 1975],
    ['Death Note: Desu nôto (2006–2007)', 'Death Note: Desu nôto', 2006],
    ['Big Bang Theory, The (2007-)', 'Big Bang Theory, The', 2007],
    ['Hyena Road', 'Hyena Road', null],
    ['1984 (1956)', '1984', 1956],
    ['2001: A Space Odyssey', '2001: A Space Odyssey', null],
    ['(1995)', '(1995)', null],
  ])('%j → %j, %j', (raw, title, year) => {
    expect(parseTitle(raw)).toEqual({ title, year });
  });
});

describe('parseGenreList', () => {
  it('maps MovieLens names to canonical genres and drops the ones without a counterpart', () => {
    expect(parseGenreList("Animation|Children's|Comedy")).toEqual(['Animation', 'Children', 'Comedy']);
    expect(parseGenreList('(no genres listed)')).toEqual([]);
    expect(parseGenreList('Film-Noir|IMAX|Sci-Fi')).toEqual(['Film-Noir', 'IMAX', 'Sci-Fi']);
  });
});
