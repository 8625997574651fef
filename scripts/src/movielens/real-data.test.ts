import { afterAll, expect, it } from 'vitest';
import { REAL_MOVIELENS as source, realDataPresent } from '@movierec/functions/testing';
import { fetchMovieLens } from './fetch.js';
import { removeTempDirs, tempDir } from './fixtures.test-helper.js';

afterAll(removeTempDirs);

const present = realDataPresent(source, 'MOVIELENS_SOURCE');

it.skipIf(!present)(`reads the real ml-latest-small (${source}) with its published counts`, async () => {
  const { dataset, counts } = await fetchMovieLens({
    variant: 'ml-latest-small',
    source,
    dataDir: await tempDir(),
    verifyCounts: true,
  });
  expect(counts).toEqual({ movies: 9_742, ratings: 100_836, users: 610, links: 9_742 });
  let withTmdb = 0;
  for await (const movie of dataset.movies()) if (movie.tmdbId !== null) withTmdb += 1;
  expect(withTmdb).toBe(9_734);
});
