import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describeDatabase } from '@movierec/functions/database';
import { tableCounts } from '@movierec/functions/database';
import { trendingStore } from '@movierec/functions/database';
import { ingestModelEmbeddings, runTrendingJob } from '@movierec/functions/jobs';
import { config, printResult, REPO_ROOT, withDatabase } from '../cli/context.js';
import { createProgress } from '../cli/progress.js';
import { prepareDatabase } from '../load/prepare.js';
import { acquireDataset } from './dataset-options.js';
import { snapshotFolder } from './snapshot-options.js';
import { trainModel } from './model.js';
import { ensureWebBuild } from '../server/web-build.js';
import { type ServerFlags, serveWith, withServerOptions } from './serve.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Trains only when no model export exists (the first run; later runs reuse it). */
async function ensureModel(): Promise<void> {
  const { modelDir } = config();
  if (existsSync(join(modelDir, 'user_tower.safetensors')) && existsSync(join(modelDir, 'movie_embeddings.npy')))
    return;
  log(`No trained model at ${modelDir}: training one now (about 5–10 minutes the first time; texts are cached after).`);
  await trainModel({ countCheck: true });
}

/** Data, model, index and Trending, each step skipped when already done. */
async function prepareEverything() {
  const { dataset } = await acquireDataset({ countCheck: true });
  const prepared = await withDatabase((db) => prepareDatabase(db, dataset, snapshotFolder));
  await ensureModel();
  return withDatabase(async (db) => {
    const progress = createProgress('embeddings');
    const { modelDir, vectorIndex, recommendable } = config();
    const embeddings = await ingestModelEmbeddings({
      db,
      modelDir,
      vectorIndex,
      recommendable,
      onProgress: progress.update,
    }).finally(progress.stop);
    const hasTrending = (await trendingStore(db, recommendable).latest({ limit: 1, offset: 0 })).snapshot !== null;
    const trending = hasTrending
      ? 'kept'
      : (await runTrendingJob(db, recommendable)).top.length > 0
        ? 'computed'
        : 'empty';
    return {
      variant: dataset.variant,
      ...prepared,
      embeddings: embeddings.targets,
      trending,
      counts: await tableCounts(db),
    };
  });
}

export function registerStartCommand(program: Command): void {
  withServerOptions(program.command('start'))
    .description('Prepare what is missing (data, database, model, index, Trending, the web build), then serve the app.')
    .option('--no-serve', 'prepare only')
    .action(async (flags: ServerFlags & { serve: boolean }) => {
      const prepared = await prepareEverything();
      // A WEB_DIST of one's own is served as it is; the default is built from web/ when stale.
      if (!config().server.webDist) ensureWebBuild(join(REPO_ROOT, 'web'), log);
      printResult({ database: describeDatabase(config().database), ...prepared });
      if (flags.serve) await serveWith(flags);
    });
}
