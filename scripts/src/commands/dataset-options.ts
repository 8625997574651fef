/** The flags every command that reads MovieLens shares, and getting the verified release they name. */
import { Option, type Command } from 'commander';
import { fetchMovieLens, type FetchMovieLensResult } from '../movielens/fetch.js';
import { MOVIELENS_VARIANTS, type MovieLensVariant } from '../movielens/types.js';
import { config } from '../cli/context.js';
import { phasedProgress } from '../cli/progress.js';

export interface DatasetFlags {
  dataset?: MovieLensVariant;
  source?: string;
  countCheck: boolean;
}

export function withDatasetOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--dataset <variant>', 'MovieLens release (default: MOVIELENS_VARIANT or ml-latest-small)').choices(
        MOVIELENS_VARIANTS,
      ),
    )
    .option('--source <url|folder|zip>', 'where to read it (default: MOVIELENS_SOURCE, else the GroupLens download)')
    .option('--no-count-check', 'accept a release whose row counts differ from the published ones (trimmed copies)');
}

/** Downloads or opens the release, verified; an unchanged one is recognised by its manifest. */
export async function acquireDataset(flags: DatasetFlags): Promise<FetchMovieLensResult> {
  const { movielens, dataDir } = config();
  const progress = phasedProgress();
  try {
    return await fetchMovieLens({
      variant: flags.dataset ?? movielens.variant,
      source: flags.source ?? movielens.source,
      dataDir,
      verifyCounts: flags.countCheck,
      onProgress: ({ phase, done, total }) => progress.update(phase, done, total ?? 0),
    });
  } finally {
    progress.stop();
  }
}
