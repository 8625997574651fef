/**
 * Where tests find the real data sets: MOVIELENS_SOURCE and TMDB_SNAPSHOT, else the shared offline
 * copies next to the repository. Absent data skips those tests locally, but fails under CI, where
 * a silent skip would hide a broken setup.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sharedDatasets = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));

export const REAL_MOVIELENS = process.env.MOVIELENS_SOURCE?.trim() || `${sharedDatasets}ml-latest-small`;
export const REAL_TMDB_SNAPSHOT = process.env.TMDB_SNAPSHOT?.trim() || `${sharedDatasets}tmdb`;

/** True when `path` exists; under CI a missing path is an error instead. */
export function realDataPresent(path: string, variable: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI) throw new Error(`CI needs the real data at ${path} (set ${variable})`);
  return false;
}
