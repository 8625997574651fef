/** The files the deployment takes from a training export (`-c modelDir=`, default the latest local one). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.js';

export const USER_TOWER_WEIGHTS = 'user_tower.safetensors';
export const MOVIE_EMBEDDINGS = 'movie_embeddings.npy';

/** The path of `file` in the export; a missing one fails synth naming the key and what to run. */
export function exportFile(modelDir: string, file: string): string {
  const path = join(modelDir, file);
  if (!existsSync(path))
    throw new ConfigError(
      'modelDir',
      `(${modelDir}) holds no ${file}: train a model first (npm run cli -- train) or pass -c modelDir=<export>`,
    );
  return path;
}
