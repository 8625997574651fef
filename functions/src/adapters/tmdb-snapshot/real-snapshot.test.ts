/** The real offline snapshot (see shared/datasets/README.md), at $TMDB_SNAPSHOT or next to the repo. */
import { beforeAll, describe, expect, it } from 'vitest';
import { REAL_TMDB_SNAPSHOT as snapshotDir, realDataPresent } from '../../testing/real-data.js';
import { loadTmdbSnapshot } from './load.js';
import type { TmdbSnapshot } from './types.js';

const present = realDataPresent(snapshotDir, 'TMDB_SNAPSHOT');

describe.skipIf(!present)(`real TMDB snapshot at ${snapshotDir}${present ? '' : ' (absent: skipped)'}`, () => {
  let snapshot: TmdbSnapshot;
  let loadMs: number;
  beforeAll(async () => {
    const start = performance.now();
    snapshot = await loadTmdbSnapshot(snapshotDir);
    loadMs = performance.now() - start;
  });

  it('reads every file with its published record count', () => {
    expect(snapshot.files.tmdb5000?.records).toBe(4803);
    expect(snapshot.files.top10k?.records).toBe(10_000);
    expect(snapshot.files.keywords?.records).toBe(46_419); // 987 ids repeat
    expect(snapshot.files.links?.records).toBe(45_843);
  });

  it('merges into one record per TMDB id of tmdb-5000 ∪ top10k', () => {
    expect(snapshot.movies.size).toBe(11_406);
    expect(snapshot.movielensLinks.size).toBe(45_843 - 219); // 219 rows have no tmdbId
  });

  it('has Toy Story (862) complete', () => {
    const toyStory = snapshot.movies.get(862);
    expect(toyStory).toMatchObject({ title: 'Toy Story', year: 1995, imdbId: 'tt0114709', runtime: 81 });
    expect(toyStory?.overview).toMatch(/Woody/);
    expect(toyStory?.genres).toEqual(expect.arrayContaining(['Animation', 'Comedy', 'Children']));
    expect(toyStory?.keywords).toContain('toy comes to life');
    expect(snapshot.movielensLinks.get(1)).toBe(862);
  });

  it('matches MovieLens-style titles', () => {
    expect(snapshot.matchByTitleYear('Matrix, The', 1999)).toBe(603);
    expect(snapshot.matchByTitleYear('Toy Story (1995)', 1995)).toBe(862);
  });

  it('loads in reasonable time', () => {
    // A loose guard against pathological slowness, not a benchmark (about 1 s on a laptop).
    expect(loadMs).toBeLessThan(15_000);
  });
});
