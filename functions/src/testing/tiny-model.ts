/**
 * A tiny two-tower model trained and exported by the real Python package (as in export_test.py):
 * synthetic ratings, seeded random text embeddings. Tests that need a real export (the in-process
 * encoder's parity, the TF Serving stand-in, the embedded index) share it.
 */
import { runPython } from './python.js';

export const TINY_HISTORY_LENGTH = 8;
/** The towers' output size (fixed by the model); the tiny model's item table is 16-d inside. */
export const TINY_OUTPUT_DIM = 128;

// argv[1] = output folder. One movie's ratings are left out: the exported user tower must not know it.
const EXPORT_SCRIPT = `
import sys
import numpy as np
from movierec_model.data import load_snapshot
from movierec_model.export import export_run
from movierec_model.testing import synthetic_snapshot
from movierec_model.train import TwoTowerConfig, train_two_tower
out = sys.argv[1]
snapshot = load_snapshot(synthetic_snapshot(out + "/snapshot", n_users=40, n_movies=30, per_user=12, n_tmdb_only=4))
text = np.random.default_rng(0).normal(size=(len(snapshot.catalog), 384)).astype(np.float32)
text /= np.linalg.norm(text, axis=1, keepdims=True)
train = snapshot.ratings.subset(snapshot.ratings.item != 0)
config = TwoTowerConfig(item_dim=16, hidden=(32,), history_length=${TINY_HISTORY_LENGTH}, epochs=1, batch_size=64)
export_run(train_two_tower(train, snapshot.catalog, text, config), snapshot.catalog, out + "/export", 1)
`;

export interface TinyModel {
  /** The export folder: models/, movie_embeddings.npy, user_tower.safetensors, user_tower_examples.json */
  exportDir: string;
  modelsDir: string;
  userTowerSavedModel: string;
  movieEmbeddings: string;
  safetensors: string;
  examples: string;
}

/** Trains and exports the tiny model under `dir` (~7–9 s). */
export async function exportTinyModel(dir: string): Promise<TinyModel> {
  await runPython(EXPORT_SCRIPT, [dir]);
  const exportDir = `${dir}/export`;
  return {
    exportDir,
    modelsDir: `${exportDir}/models`,
    userTowerSavedModel: `${exportDir}/models/user_tower`,
    movieEmbeddings: `${exportDir}/movie_embeddings.npy`,
    safetensors: `${exportDir}/user_tower.safetensors`,
    examples: `${exportDir}/user_tower_examples.json`,
  };
}
