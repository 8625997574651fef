/** Acceptance on the real data: ml-latest-small with the TMDB snapshot, on every driver. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '@movierec/functions/testing';
import { useTestDatabase } from '@movierec/functions/testing';
import { metadataCoverage, tableCounts } from '@movierec/functions/database';
import { loadTmdbSnapshot } from '@movierec/functions/data-sources';
import { REAL_MOVIELENS, REAL_TMDB_SNAPSHOT, realDataPresent } from '@movierec/functions/testing';
import { fetchMovieLens } from '../movielens/fetch.js';
import { removeTempDirs, tempDir } from '../movielens/fixtures.test-helper.js';
import type { MovieLensDataset } from '../movielens/types.js';
import { loadMovies } from './load-movies.js';
import { loadRatings } from './load-ratings.js';
import { snapshotCatalog, type MetadataCatalog } from './metadata-catalog.js';

const present =
  realDataPresent(REAL_MOVIELENS, 'MOVIELENS_SOURCE') && realDataPresent(REAL_TMDB_SNAPSHOT, 'TMDB_SNAPSHOT');

describe.skipIf(!present)('real ml-latest-small + TMDB snapshot', () => {
  let dataset: MovieLensDataset;
  let metadata: MetadataCatalog;
  beforeAll(async () => {
    dataset = (
      await fetchMovieLens({
        variant: 'ml-latest-small',
        source: REAL_MOVIELENS,
        dataDir: await tempDir(),
        verifyCounts: true,
      })
    ).dataset;
    metadata = snapshotCatalog(await loadTmdbSnapshot(REAL_TMDB_SNAPSHOT));
  });
  afterAll(removeTempDirs);

  describe.each(testDrivers)('on %s', (driver) => {
    const t = useTestDatabase(driver);

    it('loads exactly 9,742 movies, 610 users and 100,836 ratings, joined to 9,733 metadata records', async () => {
      const movies = await loadMovies({ db: t.db, dataset, metadata });
      expect(movies.movielens).toEqual({ inserted: 9_742, updated: 0, unchanged: 0 });
      expect(movies.join).toMatchObject({
        movielensMovies: 9_742,
        withTmdbId: 9_733,
        duplicateLinksCleared: [144_606],
        withMetadata: 9_733,
        withOverview: 9_626,
      });
      const ratings = await loadRatings({ db: t.db, dataset });
      expect(ratings).toEqual({
        users: { inserted: 610, total: 610 },
        ratings: { inserted: 100_836, updated: 0, unchanged: 0 },
      });
      expect(await tableCounts(t.db)).toMatchObject({
        movielensMovies: 9_742,
        tmdbOnlyMovies: movies.tmdbOnly.inserted,
        users: 610,
        ratings: 100_836,
      });
    });

    it('gives MovieLens movies an overview, poster and runtime at 98% or more, and a backdrop at 21% or more', async () => {
      const { movielens, all } = await metadataCoverage(t.db);
      expect(movielens.movies).toBe(9_742);
      expect(movielens.fields).toMatchObject({
        overview: { count: 9_626, percent: 98.8 },
        posterPath: { count: 9_620, percent: 98.7 },
        runtime: { count: 9_626, percent: 98.8 },
        backdropPath: { count: 2_109, percent: 21.6 },
      });
      expect(all.fields.backdropPath.count).toBe(2_631); // every full-2023 movie, in the catalog or TMDB-only
    });

    it('reports nothing changed on a second run', async () => {
      const movies = await loadMovies({ db: t.db, dataset, metadata });
      expect(movies.movielens).toEqual({ inserted: 0, updated: 0, unchanged: 9_742 });
      expect(movies.tmdbOnly).toMatchObject({ inserted: 0, updated: 0 });
      expect((await loadRatings({ db: t.db, dataset })).ratings).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 100_836,
      });
    });

    it('finds movies by title despite a typo, through the trigram index', async () => {
      const query = 'matrx reloaded';
      const rows = await t.db
        .selectFrom('movies')
        .select('title')
        .where(sql<boolean>`lower(title) % ${query}`)
        .orderBy(sql`similarity(lower(title), ${query})`, 'desc')
        .limit(1)
        .execute();
      expect(rows[0]?.title).toBe('The Matrix Reloaded');
    });
  });
});
