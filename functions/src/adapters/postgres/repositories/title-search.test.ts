/**
 * Title search over a small generated catalog, on every driver, answered by the database and by the
 * in-memory index built from it: accents, case and punctuation are ignored, alternate titles are
 * found, an exact title ranks first, ties go to the more popular movie, and every writer (MovieLens
 * load, TMDB-only rows, API metadata, plain SQL) keeps the search text.
 */
import { sql } from 'kysely';
import { DEFAULT_RECOMMENDABLE_RULE } from '../../../core/catalog/recommendable.js';
import { describe, expect, it } from 'vitest';
import { catalogMovieFromMovieLens, movieLensTitles } from '../../../core/catalog/catalog-movie.js';
import type { MovieMetadata } from '../../../core/catalog/movie-metadata.js';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { createCatalogStore, refreshMovieRatingStats } from './catalog.store.js';
import { withTitleIndex } from '../../title-index/index.js';
import { createLogger } from '../../logging/logger.js';
import type { Db } from '../database.js';
import type { PageRequest, Paged } from '../../../core/paging.js';
import type { MovieRecord } from '../../../core/catalog/catalog.port.js';
import { createTitleSource } from './title-entries.js';
import {
  applyApiMetadata,
  movieIdsByMovieLensId,
  upsertMovieLensMovies,
  upsertTmdbOnlyMovies,
} from './movies.repository.js';
import { upsertRatings } from './ratings.repository.js';
import { catalogMovie } from './trending-fixture.test-helper.js';
import { ensureMovieLensUsers } from './users.repository.js';

/** [MovieLens id, MovieLens title (year removed), TMDB vote count]. */
const MOVIELENS: [number, string, number | null][] = [
  [1, 'Toy Story', 17_000],
  [2, 'Toy Story 4', 19_000],
  [3, 'Toy Story 2', 13_000],
  [4, 'Léon: The Professional (a.k.a. The Professional) (Léon)', 14_000],
  [5, 'Max & Leon', 20_000],
  [6, "Amélie (Fabuleux destin d'Amélie Poulain, Le)", 11_000],
  [7, 'Godfather, The', 20_000],
  [8, 'Godfather: Part II, The', 12_000],
  [9, 'Crash', 900],
  [10, 'Crash', 4_000],
  [11, 'Heat', null],
  [12, 'Heat', null],
];

const tmdbOnly = catalogMovie({
  tmdbId: 9100,
  title: 'Astérix & Obélix: Mission Cléopâtre',
  year: 2002,
  genres: ['Comedy'],
  metadataSource: 'snapshot',
});

const titlesOf = (page: { items: { title: string; movielensId: number | null }[] }) => page.items.map((m) => m.title);

type Search = (query: string, page: PageRequest) => Promise<Paged<MovieRecord>>;

/** The database's search, and the in-memory index's (brought up to date before each search, as its background check would). */
const SEARCHES: Record<string, (db: Db) => Search> = {
  database: (db) => (q, page) => createCatalogStore(db, DEFAULT_RECOMMENDABLE_RULE).searchTitles(q, page),
  'in-memory index': (db) => {
    const rows = createCatalogStore(db, DEFAULT_RECOMMENDABLE_RULE);
    const indexed = withTitleIndex(rows, createTitleSource(db), {
      log: createLogger('silent'),
      onCatalogChanged: rows.forgetCachedMovies,
    });
    return async (q, page) => {
      await indexed.refresh();
      return indexed.catalog.searchTitles(q, page);
    };
  },
};

const cases = testDrivers.flatMap((driver) => Object.keys(SEARCHES).map((answeredBy) => [driver, answeredBy] as const));

describe.each(cases)('title search on %s, answered by the %s', (driver, answeredBy) => {
  const t = useTestDatabase(driver);
  let searchWith: Search | undefined;
  const search = (q: string, limit = 5) => {
    searchWith ??= SEARCHES[answeredBy]!(t.db);
    return searchWith(q, { limit, offset: 0 });
  };

  it('loads the catalog; each movie knows its MovieLens titles', async () => {
    const entries = MOVIELENS.map(([movielensId, title]) => ({
      movielensId,
      title,
      year: 2000,
      genres: ['Drama'],
      imdbId: null,
      tmdbId: movielensId,
    }));
    const movies = entries.map((e, i) => ({
      ...catalogMovieFromMovieLens(e, undefined, 'snapshot'),
      voteCount: MOVIELENS[i]![2],
    }));
    await upsertMovieLensMovies(t.db, movies);
    await upsertTmdbOnlyMovies(t.db, [tmdbOnly]);
    // The second "Heat" has more MovieLens ratings.
    const ids = await movieIdsByMovieLensId(t.db);
    const { ids: users } = await ensureMovieLensUsers(t.db, [1, 2]);
    await upsertRatings(
      t.db,
      [1, 2].map((u) => ({ userId: users.get(u)!, movieId: ids.get(12)!, rating: 4, ratedAt: 1_500_000_000 })),
    );
    await refreshMovieRatingStats(t.db);
    const row = await t.db
      .selectFrom('movies')
      .select(['alternate_titles', 'search_text'])
      .where('movielens_id', '=', 4)
      .executeTakeFirstOrThrow();
    expect(row.alternate_titles).toEqual(movieLensTitles(MOVIELENS[3]![1]));
    expect(row.search_text.split('\n')).toEqual([
      'leon the professional a k a the professional leon',
      'leon the professional',
      'the professional',
      'leon',
    ]);
  });

  it('ignores accents and case', async () => {
    expect(titlesOf(await search('amelie'))[0]).toMatch(/^Amélie/);
    expect(titlesOf(await search('AMÉLIE'))[0]).toMatch(/^Amélie/);
    expect(titlesOf(await search('asterix obelix'))).toEqual([tmdbOnly.title]);
  });

  it('ranks an exact title first, even over a more popular match', async () => {
    expect(titlesOf(await search('leon')).slice(0, 2)).toEqual([
      'Léon: The Professional (a.k.a. The Professional) (Léon)',
      'Max & Leon',
    ]);
    expect(titlesOf(await search('toy story'))).toEqual(['Toy Story', 'Toy Story 4', 'Toy Story 2']);
    expect(titlesOf(await search('Léon: the professional!'))[0]).toMatch(/^Léon/);
  });

  it('finds alternate titles', async () => {
    expect(titlesOf(await search('fabuleux destin'))[0]).toMatch(/^Amélie/);
    expect(titlesOf(await search('the professional'))[0]).toMatch(/^Léon/);
  });

  it('forgives typos, the more popular of equal matches first', async () => {
    expect(titlesOf(await search('godfater'))).toEqual(['The Godfather', 'The Godfather: Part II']);
    const crash = (await search('crash')).items;
    expect(crash.map((m) => m.movielensId)).toEqual([10, 9]);
    const heat = (await search('heat')).items;
    expect(heat.map((m) => m.movielensId)).toEqual([12, 11]);
  });

  it('counts every match and finds nothing for what no title holds', async () => {
    expect(await search('toy story', 2)).toMatchObject({ total: 3, hasMore: true });
    expect((await search('zzzz')).total).toBe(0);
    expect((await search('!!!')).total).toBe(0);
  });

  it('keeps the search text whoever writes the title', async () => {
    const api: MovieMetadata = {
      ...tmdbOnly,
      tmdbId: 6,
      title: 'Amélie',
      imdbId: null,
      keywords: [],
      genres: ['Comedy'],
    };
    await applyApiMetadata(t.db, [api]);
    expect(titlesOf(await search('amelie'))[0]).toBe('Amélie');
    expect(titlesOf(await search('fabuleux destin'))).toEqual(['Amélie']);
    await sql`update movies set title = 'Nikita' where movielens_id = 11`.execute(t.db);
    expect(titlesOf(await search('nikita'))).toEqual(['Nikita']);
  });

  it('recomputes the search text under any search_path (a restore runs with an empty one)', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`set local search_path = ''`.execute(trx);
      await sql`update public.movies set title = 'Léon' where movielens_id = 12`.execute(trx);
    });
    expect(titlesOf(await search('leon', 10))).toContain('Léon');
  });
});
