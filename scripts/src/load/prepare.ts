/** Loads what is not loaded yet for a release; a prepared database is left as it is. */
import type { Db } from '@movierec/functions/database';
import { datasetLoads } from '@movierec/functions/database';
import { loadTmdbSnapshot } from '@movierec/functions/data-sources';
import { createProgress, phasedProgress } from '../cli/progress.js';
import type { MovieLensDataset } from '../movielens/types.js';
import { loadMovies } from './load-movies.js';
import { loadRatings } from './load-ratings.js';
import { snapshotCatalog } from './metadata-catalog.js';

export async function prepareDatabase(
  db: Db,
  dataset: MovieLensDataset,
  /** The TMDB snapshot folder, asked for only when movies are loaded (it may need a download). */
  snapshotDir: () => Promise<string | undefined>,
): Promise<{ loaded: string[] }> {
  const done = new Set((await datasetLoads(db)).filter((l) => l.dataset === dataset.variant).map((l) => l.step));
  const loaded: string[] = [];
  if (!done.has('movies')) {
    const dir = await snapshotDir();
    const snapshot = dir ? await loadTmdbSnapshot(dir) : null;
    const progress = phasedProgress();
    await loadMovies({
      db,
      dataset,
      metadata: snapshot && snapshotCatalog(snapshot),
      onProgress: progress.update,
    }).finally(progress.stop);
    loaded.push('movies');
  }
  if (!done.has('ratings')) {
    const progress = createProgress('ratings');
    await loadRatings({ db, dataset, onProgress: progress.update }).finally(progress.stop);
    loaded.push('ratings');
  }
  return { loaded };
}
