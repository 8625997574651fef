import type { Command } from 'commander';
import { printResult } from '../cli/context.js';
import { acquireDataset, withDatasetOptions, type DatasetFlags } from './dataset-options.js';

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('Data sets.');
  withDatasetOptions(data.command('fetch'))
    .description('Download (or open) a MovieLens release and verify its files, headers, row counts and checksum.')
    .action(async (flags: DatasetFlags) => {
      const { dataset, from, cached, downloaded, counts, checksum } = await acquireDataset(flags);
      printResult({ variant: dataset.variant, format: dataset.format, dir: dataset.dir, from, cached, downloaded, counts, checksum });
    });
}
