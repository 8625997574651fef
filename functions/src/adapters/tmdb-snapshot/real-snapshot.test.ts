/** The real offline snapshot (see shared/datasets/README.md), at $TMDB_SNAPSHOT or next to the repo. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REAL_MOVIELENS, REAL_TMDB_SNAPSHOT as snapshotDir, realDataPresent } from '../../testing/real-data.js';
import { loadTmdbSnapshot } from './load.js';
import type { TmdbSnapshot } from './types.js';

const present = realDataPresent(snapshotDir, 'TMDB_SNAPSHOT');

/** The TMDB ids of ml-latest-small's links.csv (`movieId,imdbId,tmdbId`; 8 of 9,742 are blank). */
async function movieLensTmdbIds(): Promise<number[]> {
  const text = await readFile(join(REAL_MOVIELENS, 'links.csv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[2]));
}

describe.skipIf(!present)(`real TMDB snapshot at ${snapshotDir}${present ? '' : ' (absent: skipped)'}`, () => {
  let snapshot: TmdbSnapshot;
  beforeAll(async () => {
    snapshot = await loadTmdbSnapshot(snapshotDir);
  });

  it('reads every file with its published record count', () => {
    expect(snapshot.files.tmdb5000?.records).toBe(4803);
    expect(snapshot.files.top10k?.records).toBe(10_000);
    expect(snapshot.files.keywords?.records).toBe(46_419); // 987 ids repeat
    expect(snapshot.files.links?.records).toBe(45_843);
    expect(snapshot.files.enriched?.records).toBe(9742);
    expect(snapshot.files.full2023?.records).toBe(2631); // the last one cut off inside its keywords
  });

  it('merges into one record per TMDB id of the movie files', () => {
    expect(snapshot.movies.size).toBe(14_850);
    expect(snapshot.movielensLinks.size).toBe(45_843 - 219); // 219 rows have no tmdbId
  });

  it('has Toy Story (862) complete', () => {
    const toyStory = snapshot.movies.get(862);
    expect(toyStory).toMatchObject({
      title: 'Toy Story',
      year: 1995,
      imdbId: 'tt0114709',
      runtime: 81,
      posterPath: '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
      voteCount: 19339,
    });
    expect(toyStory?.backdropPath).toMatch(/^\/\w+\.jpg$/);
    expect(toyStory?.overview).toMatch(/Woody/);
    expect(toyStory?.genres).toEqual(expect.arrayContaining(['Animation', 'Comedy', 'Children']));
    expect(toyStory?.keywords).toContain('toy comes to life');
    expect(snapshot.movielensLinks.get(1)).toBe(862);
  });

  it('gives nearly every ml-latest-small movie an overview, poster and runtime, and a fifth a backdrop', async () => {
    const ids = await movieLensTmdbIds();
    expect(ids).toHaveLength(9742);
    const having = (field: 'overview' | 'posterPath' | 'runtime' | 'backdropPath') =>
      ids.filter((id) => snapshot.movies.get(id)?.[field] != null).length;
    // Enriched fills 9,621 overviews and 9,617 posters; the older files add a few; full-2023 the
    // backdrops (2,105 by TMDB id, 4 more by IMDb id).
    expect(having('overview')).toBe(9627);
    expect(having('posterPath')).toBe(9621);
    expect(having('runtime')).toBe(9627);
    expect(having('backdropPath')).toBe(2109);
    expect(snapshot.movies.get(202249)).toMatchObject({ title: 'Spider-Man: Homecoming', imdbId: 'tt2250912' });
  });

  it('matches MovieLens-style titles', () => {
    expect(snapshot.matchByTitleYear('Matrix, The', 1999)).toBe(603);
    expect(snapshot.matchByTitleYear('Toy Story (1995)', 1995)).toBe(862);
  });
});
