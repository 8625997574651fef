import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { positiveInteger, rating, ratio, wholeNumber } from '../cli/arguments.js';
import { config, printResult } from '../cli/context.js';
import { ensurePythonEnv, run, TF_SERVING_DIR, VENV_PYTHON } from '../python/venv.js';
import { trainingSnapshot } from '../training/training-snapshot.js';
import { newRunDir, pointAt, type RunKind } from '../training/runs.js';
import { withDatasetOptions, type DatasetFlags } from './dataset-options.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Runs `python -m movierec_model.cli <kind>` into a new run folder and moves the pointers. */
async function pythonRun(kind: RunKind, flags: DatasetFlags, extra: string[]): Promise<string> {
  await ensurePythonEnv(undefined, log);
  const snapshot = await trainingSnapshot(flags);
  const { dataDir } = config();
  const runDir = await newRunDir(dataDir, kind);
  log(`${kind}: run folder ${runDir}`);
  const args = [
    '-m',
    'movierec_model.cli',
    kind,
    '--snapshot',
    snapshot,
    '--out',
    runDir,
    '--cache',
    join(dataDir, 'cache'),
    ...extra,
  ];
  await run(VENV_PYTHON, args, { cwd: TF_SERVING_DIR });
  await pointAt(dataDir, 'latest', runDir);
  if (kind === 'train') await pointAt(dataDir, 'latest-model', runDir);
  return runDir;
}

const optional = (flag: string, value: number | string | undefined) =>
  value === undefined ? [] : [flag, String(value)];

export interface TrainFlags extends DatasetFlags {
  epochs?: number;
  seed?: number;
}

interface EvaluateFlags extends TrainFlags {
  protocol: 'temporal' | 'random';
  preset?: 'recbole' | 'msr';
  testRatio?: number;
  validRatio?: number;
  minRating?: number;
  seeds?: number;
}

/** Trains and exports a model into a new run folder, which becomes `latest-model`. */
export async function trainModel(flags: TrainFlags) {
  const runDir = await pythonRun('train', flags, [
    ...optional('--epochs', flags.epochs),
    ...optional('--seed', flags.seed),
  ]);
  return { run: runDir, models: join(runDir, 'models'), embeddings: join(runDir, 'movie_embeddings.npy') };
}

export function registerModelCommands(program: Command): void {
  program
    .command('python')
    .description('Python environment of tf-serving/.')
    .command('setup')
    .description('Create or update tf-serving/.venv from the pinned requirements (PyTorch from TORCH_INDEX_URL).')
    .action(async () => printResult({ python: VENV_PYTHON, installed: await ensurePythonEnv(undefined, log) }));

  withDatasetOptions(program.command('export-training'))
    .description('Export the database (movies, ratings) as a training snapshot for tf-serving/.')
    .action(async (flags: DatasetFlags) => printResult({ snapshot: await trainingSnapshot(flags) }));

  withDatasetOptions(program.command('train'))
    .description('Encode movie texts, train the two-tower model on all ratings, export SavedModels and embeddings.')
    .option('--epochs <n>', 'training epochs (default: the model config)', positiveInteger)
    .option('--seed <n>', 'random seed', wholeNumber)
    .action(async (flags: TrainFlags) => printResult(await trainModel(flags)));

  withDatasetOptions(program.command('evaluate'))
    .description('Evaluate the two-tower model against MostPopular, ItemKNN, EASE and the seed method; write a report.')
    .addOption(
      new Option('--protocol <protocol>', 'temporal (latest 20% per user) or random')
        .choices(['temporal', 'random'])
        .default('temporal'),
    )
    .addOption(new Option('--preset <preset>', 'random-protocol setup of published tables').choices(['recbole', 'msr']))
    .option('--test-ratio <r>', 'random protocol: share of each user’s ratings held out', ratio)
    .option('--valid-ratio <r>', 'random protocol: share used for validation', ratio)
    .option('--min-rating <r>', 'random protocol: lowest held-out rating that counts as positive (0: all)', rating)
    .option('--epochs <n>', 'training epochs (default: the model config)', positiveInteger)
    .option('--seed <n>', 'random seed of the split and the training (default 0)', wholeNumber)
    .option(
      '--seeds <k>',
      'evaluate under k seeds (--seed, --seed + 1, …) and report the mean and spread',
      positiveInteger,
    )
    .action(async (flags: EvaluateFlags) => {
      const extra = [
        '--protocol',
        flags.protocol,
        ...optional('--preset', flags.preset),
        ...optional('--test-ratio', flags.testRatio),
        ...optional('--valid-ratio', flags.validRatio),
        ...optional('--min-rating', flags.minRating),
        ...optional('--epochs', flags.epochs),
        ...optional('--seed', flags.seed),
        ...optional('--seeds', flags.seeds),
      ];
      const runDir = await pythonRun('evaluate', flags, extra);
      printResult({ run: runDir, report: join(runDir, 'report.md'), chart: join(runDir, 'report.png') });
    });
}
