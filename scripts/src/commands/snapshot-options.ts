/** The TMDB snapshot folder the commands read: TMDB_SNAPSHOT (or a flag), else the verified download. */
import { config } from '../cli/context.js';
import { phasedProgress } from '../cli/progress.js';
import { fetchTmdbSnapshot } from '../tmdb-snapshot/fetch.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

/** A local folder as given, else `$DATA_DIR/tmdb-snapshot`, downloading what is missing or corrupt. */
export async function acquireSnapshot(localDir?: string): Promise<{ dir: string; downloaded: string[] }> {
  const { tmdb, dataDir } = config();
  const dir = localDir ?? tmdb.snapshotDir;
  if (dir !== undefined) return { dir, downloaded: [] };
  const progress = phasedProgress();
  try {
    return await fetchTmdbSnapshot({
      dataDir,
      baseUrl: tmdb.snapshotBaseUrl,
      onProgress: progress.update,
      onNotice: log,
    });
  } finally {
    progress.stop();
  }
}

/** Just the folder: what prepareDatabase asks for, and only when it loads movies. */
export async function snapshotFolder(): Promise<string> {
  return (await acquireSnapshot()).dir;
}
