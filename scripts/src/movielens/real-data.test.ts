import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { fetchMovieLens } from './fetch.js';
import { removeTempDirs, tempDir } from './fixtures.test-helper.js';
import { isDirectory, isFile } from './layout.js';

afterAll(removeTempDirs);

/** MOVIELENS_SOURCE, else the shared offline copy next to the repository. */
const source =
  process.env.MOVIELENS_SOURCE ?? fileURLToPath(new URL('../../../../shared/datasets/ml-latest-small', import.meta.url));

it('reads the real ml-latest-small with its published counts', async (ctx) => {
  const present = (await isDirectory(source)) || (await isFile(source));
  ctx.skip(!present, `no ml-latest-small at ${source}; set MOVIELENS_SOURCE to a folder or .zip to run this`);
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
