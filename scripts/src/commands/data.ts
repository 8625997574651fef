import type { Command } from 'commander';
import { printResult } from '../cli/context.js';
import { acquireDataset, withDatasetOptions, type DatasetFlags } from './dataset-options.js';
import { acquireSnapshot } from './snapshot-options.js';

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('Data sets.');
  withDatasetOptions(data.command('fetch'))
    .description(
      'Download (or open) a MovieLens release and verify its files, headers, row counts and checksum; download the TMDB snapshot unless TMDB_SNAPSHOT names one.',
    )
    .action(async (flags: DatasetFlags) => {
      const { dataset, from, cached, downloaded, counts, checksum } = await acquireDataset(flags);
      const tmdbSnapshot = await acquireSnapshot();
      printResult({
        variant: dataset.variant,
        format: dataset.format,
        dir: dataset.dir,
        from,
        cached,
        downloaded,
        counts,
        checksum,
        tmdbSnapshot,
      });
    });
}
