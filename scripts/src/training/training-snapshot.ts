import { join } from 'node:path';
import { config, withDatabase } from '../cli/context.js';
import { createProgress } from '../cli/progress.js';
import { acquireDataset, type DatasetFlags } from '../commands/dataset-options.js';
import { snapshotFolder } from '../commands/snapshot-options.js';
import { prepareDatabase } from '../load/prepare.js';
import { exportTrainingSnapshot } from './export-snapshot.js';

/** Loads the release if need be and exports the database as `$DATA_DIR/snapshots/<variant>` (train, cloud train). */
export async function trainingSnapshot(flags: DatasetFlags): Promise<string> {
  const { dataset } = await acquireDataset(flags);
  const dir = join(config().dataDir, 'snapshots', dataset.variant);
  const progress = createProgress('export ratings');
  await withDatabase(async (db) => {
    await prepareDatabase(db, dataset, snapshotFolder);
    await exportTrainingSnapshot(db, dir, dataset.variant, progress.update);
  }).finally(progress.stop);
  return dir;
}
