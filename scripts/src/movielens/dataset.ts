import { resolve } from 'node:path';
import { CodedError } from '@movierec/functions/core';
import { type DatasetLayout, detectLayout, EXPECTED_FILES } from './layout.js';
import { readMovies } from './movies.js';
import { readRatings } from './ratings.js';
import type { MovieLensDataset, MovieLensVariant, RowCounts } from './types.js';
import { VARIANTS } from './variants.js';
import { countRecords } from './verify.js';

export interface OpenDatasetOptions {
  /** Counts from an earlier verification of the same files; without them, the files are counted. */
  counts?: RowCounts;
}

/** A MovieLens release in `dir`, its format told by the files there. */
export async function openMovieLensDataset(
  dir: string,
  variant: MovieLensVariant,
  options: OpenDatasetOptions = {},
): Promise<MovieLensDataset> {
  const absolute = resolve(dir);
  const layout = await requireLayout(absolute, variant);
  const counts = options.counts ?? (await countRecords(layout));
  return datasetOf(variant, absolute, layout, counts);
}

export async function requireLayout(dir: string, variant: MovieLensVariant): Promise<DatasetLayout> {
  const layout = await detectLayout(dir, VARIANTS[variant].format);
  if (!layout) throw new CodedError('invalid_input', `${dir}: no MovieLens files here (expected ${EXPECTED_FILES})`);
  return layout;
}

export function datasetOf(
  variant: MovieLensVariant,
  dir: string,
  layout: DatasetLayout,
  counts: RowCounts,
): MovieLensDataset {
  return {
    variant,
    format: layout.format,
    dir,
    files: layout.files,
    counts,
    movies: () => readMovies(layout),
    ratings: () => readRatings(layout.files.ratings, layout.format),
  };
}
