import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { loadTmdbSnapshot } from '@movierec/functions/data-sources';
import { CodedError } from '@movierec/functions/core';
import { type DatabaseDriver, serverReachable } from '@movierec/functions/database';
import { benchApi } from '../bench/api.js';
import { benchLoad } from '../bench/load.js';
import { benchParse } from '../bench/parse.js';
import { recordBenchResult } from '../bench/results.js';
import { benchVectorIndex, type BenchVectorIndexOptions, INDEX_LIBRARIES } from '../bench/vector-index.js';
import { QDRANT_COLLECTION_SETTINGS, type QdrantCollectionSettings } from '@movierec/functions/data-sources';
import { positiveInteger, wholeNumber } from '../cli/arguments.js';
import { config, printResult } from '../cli/context.js';
import { snapshotCatalog } from '../load/metadata-catalog.js';
import { writeSyntheticRelease } from '../movielens/synthetic.js';
import { acquireDataset, withDatasetOptions, type DatasetFlags } from './dataset-options.js';

type VectorIndexFlags = Omit<BenchVectorIndexOptions, 'modelDir' | 'qdrant'> & {
  qdrantM?: number;
  qdrantEfConstruct?: number;
  qdrantMovieEf?: number;
  qdrantUserEf?: number;
  qdrantQuantization?: QdrantCollectionSettings['quantization'];
  qdrantOnDisk?: boolean;
};

const log = (message: string) => process.stderr.write(`${message}\n`);

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Writes (once, seeded) a synthetic release in the temp folder and names it as the source to load. */
async function syntheticReleaseFlags(ratings: number): Promise<DatasetFlags> {
  const users = Math.max(1, Math.round(ratings / 160));
  const dir = join(tmpdir(), `movierec-bench-release-${ratings}`);
  log(
    `synthetic release: ${ratings.toLocaleString('en-US')} ratings by ${users.toLocaleString('en-US')} users in ${dir}`,
  );
  await writeSyntheticRelease({ dir, users, movies: 87_000, ratings, seed: 1 });
  return { dataset: 'ml-32m', source: dir, countCheck: false };
}

export function registerBenchCommands(program: Command): void {
  const bench = program
    .command('bench')
    .description('Benchmarks: print figures and append them to $DATA_DIR/bench/results.jsonl.');

  bench
    .command('parse')
    .description("Stream a synthetic ratings file of ML-32M's shape through the parser: lines/s and peak memory.")
    .option('--lines <n>', 'ratings', positiveInteger, 32_000_000)
    .option('--users <n>', 'users', positiveInteger, 200_000)
    .option('--movies <n>', 'movies', positiveInteger, 87_000)
    .option('--seed <n>', 'generator seed', positiveInteger, 1)
    .option('--path <file>', 'ratings file to use (written when missing)')
    .addOption(
      new Option('--mode <mode>', 'one rating at a time, or arrays').choices(['items', 'batches']).default('items'),
    )
    .action(async (flags: Parameters<typeof benchParse>[0]) => {
      printResult(await recordBenchResult(config().dataDir, 'parse', await benchParse(flags, log)));
    });

  withDatasetOptions(bench.command('load'))
    .description('Load the release into a fresh database per driver (and again, which must change nothing).')
    .option('--runs <n>', 'runs per driver (medians are reported)', positiveInteger, 3)
    .addOption(
      new Option('--driver <driver...>', 'drivers (default: every one available)').choices([
        'pglite',
        'postgres',
        'neon',
      ]),
    )
    .option('--tmdb-snapshot <folder>', 'TMDB metadata snapshot folder (default: TMDB_SNAPSHOT)')
    .option(
      '--synthetic <ratings>',
      "instead of a release, a seeded one of ML-32M's shape scaled to this many ratings (160 per user, 87,000 movies)",
      positiveInteger,
    )
    .option(
      '--server <url>',
      'PostgreSQL server on which the postgres and neon runs create throwaway databases',
      LOCAL_SERVER,
    )
    .action(
      async (
        flags: DatasetFlags & {
          runs: number;
          driver?: DatabaseDriver[];
          tmdbSnapshot?: string;
          synthetic?: number;
          server: string;
        },
      ) => {
        const { dataset } = await acquireDataset(
          flags.synthetic ? await syntheticReleaseFlags(flags.synthetic) : flags,
        );
        const snapshotDir = flags.synthetic ? undefined : (flags.tmdbSnapshot ?? config().tmdb.snapshotDir);
        const metadata = snapshotDir ? snapshotCatalog(await loadTmdbSnapshot(snapshotDir)) : null;
        const drivers =
          flags.driver ?? ((await serverReachable(flags.server)) ? ['pglite', 'postgres', 'neon'] : ['pglite']);
        const figures = await benchLoad({ drivers, runs: flags.runs, serverUrl: flags.server }, dataset, metadata, log);
        printResult(await recordBenchResult(config().dataDir, 'load', figures));
      },
    );

  bench
    .command('vector-index')
    .description(
      "Latency of the embedded vector index (p50/p99 per query kind) over MODEL_DIR's movie_embeddings.npy, else a synthetic catalog.",
    )
    .option('--points <n>', 'a synthetic catalog of this many points instead (e.g. 700000)', positiveInteger)
    .option('--queries <n>', 'queries of each kind', positiveInteger, 2000)
    .option('--limit <n>', 'results per query', positiveInteger, 20)
    .option('--seed <n>', 'generator seed', positiveInteger, 1)
    .addOption(
      new Option(
        '--library <name>',
        'usearch: the HNSW graph at any size; exact: the scan only; qdrant: QDRANT_URL, else the local stand-in (default: graph from 50K points)',
      ).choices(INDEX_LIBRARIES),
    )
    .option('--recall-queries <n>', 'queries of each kind checked against the exact scan', positiveInteger, 200)
    .option('--qdrant-m <n>', `qdrant: HNSW links per point (default ${QDRANT_COLLECTION_SETTINGS.m})`, positiveInteger)
    .option(
      '--qdrant-ef-construct <n>',
      `qdrant: HNSW construction width (default ${QDRANT_COLLECTION_SETTINGS.efConstruct})`,
      positiveInteger,
    )
    .option(
      '--qdrant-movie-ef <n>',
      `qdrant: a movie query's search width (default ${QDRANT_COLLECTION_SETTINGS.movieEf})`,
      positiveInteger,
    )
    .option(
      '--qdrant-user-ef <n>',
      `qdrant: a user query's search width (default ${QDRANT_COLLECTION_SETTINGS.userEf})`,
      positiveInteger,
    )
    .addOption(
      new Option(
        '--qdrant-quantization <kind>',
        `qdrant: vectors quantized (default ${QDRANT_COLLECTION_SETTINGS.quantization})`,
      ).choices(['int8', 'none']),
    )
    .option('--qdrant-on-disk', 'qdrant: float vectors on disk (memory-mapped) instead of in RAM')
    .action(async (flags: VectorIndexFlags) => {
      const { qdrantM, qdrantEfConstruct, qdrantMovieEf, qdrantUserEf, qdrantQuantization, qdrantOnDisk, ...rest } =
        flags;
      const settings = {
        ...(qdrantM && { m: qdrantM }),
        ...(qdrantEfConstruct && { efConstruct: qdrantEfConstruct }),
        ...(qdrantMovieEf && { movieEf: qdrantMovieEf }),
        ...(qdrantUserEf && { userEf: qdrantUserEf }),
        ...(qdrantQuantization && { quantization: qdrantQuantization }),
        ...(qdrantOnDisk && { onDisk: true }),
      };
      const { qdrantUrl, qdrantApiKey } = config().vectorIndex;
      const qdrant = { url: qdrantUrl, apiKey: qdrantApiKey, settings };
      printResult(
        await recordBenchResult(
          config().dataDir,
          'vector-index',
          await benchVectorIndex({ ...rest, qdrant, modelDir: config().modelDir }, log),
        ),
      );
    });

  bench
    .command('api')
    .description('Load the local server with concurrent requests per endpoint: p50/p99 latency and throughput.')
    .option('--url <url>', 'a running server (default: start `serve` over what is prepared)')
    .option('--connections <n>', 'concurrent connections', positiveInteger, 32)
    .option('--seconds <n>', 'seconds per endpoint', positiveInteger, 10)
    .option('--endpoint <name...>', 'only these endpoints (for-you, similar, search, …)')
    .option(
      '--cache-seconds <n>',
      'RECOMMENDATION_CACHE_SECONDS for the server it starts (0: every personal list computed)',
      wholeNumber,
    )
    .option(
      '--users <n>',
      'draw personal lists and user-list pages over this many of the most active users',
      positiveInteger,
      100,
    )
    .action(
      async (flags: {
        url?: string;
        connections: number;
        seconds: number;
        endpoint?: string[];
        cacheSeconds?: number;
        users: number;
      }) => {
        if (flags.url && flags.cacheSeconds !== undefined)
          throw new CodedError(
            'invalid_input',
            '--cache-seconds sets up the server the benchmark starts; it cannot change the one at --url',
          );
        const { url, connections, seconds, endpoint: endpoints, cacheSeconds, users } = flags;
        const figures = await benchApi({ url, connections, seconds, endpoints, cacheSeconds, users }, log);
        printResult(await recordBenchResult(config().dataDir, 'api', figures));
      },
    );
}
