/**
 * Every environment variable the project reads, validated once. Each part runs embedded when its
 * variable is unset and switches to the real service when it is set.
 */
import { z } from 'zod';
import { LOG_LEVELS } from '../adapters/logging/logger.js';
import type { DatabaseConfig, DatabaseDriver } from '../adapters/postgres/database.js';
import { DEFAULT_RECOMMENDABLE_RULE, type RecommendableRule } from '../core/catalog/recommendable.js';

/** MovieLens releases the data pipeline can fetch and read. */
export const MOVIELENS_VARIANTS = ['ml-latest-small', 'ml-100k', 'ml-1m', 'ml-25m', 'ml-32m', 'ml-latest'] as const;

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const envSchema = z.object({
  DATA_DIR: optionalString.default('.data'),
  DATABASE_URL: optionalString.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' }).optional(),
  ),
  DATABASE_DRIVER: z.enum(['auto', 'pglite', 'postgres', 'neon']).default('auto'),
  PGLITE_DIR: optionalString,
  NEON_WS_PROXY: optionalString,
  MOVIELENS_SOURCE: optionalString,
  MOVIELENS_VARIANT: z.enum(MOVIELENS_VARIANTS).default('ml-latest-small'),
  TMDB_SNAPSHOT: optionalString,
  TMDB_SNAPSHOT_BASE_URL: optionalString
    .default('https://raw.githubusercontent.com')
    .pipe(z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })),
  TMDB_API_KEY: optionalString,
  TMDB_READ_TOKEN: optionalString,
  TMDB_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  TMDB_METADATA_TTL_DAYS: z.coerce.number().positive().default(30),
  MODEL_DIR: optionalString,
  EMBEDDINGS_S3_URI: optionalString.pipe(
    z
      .string()
      .regex(/^s3:\/\/[^/]+\/.+$/, 'expected s3://bucket/key')
      .optional(),
  ),
  INDEX_DIR: optionalString,
  QDRANT_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  ),
  QDRANT_API_KEY: optionalString,
  QDRANT_COLLECTION: optionalString.default('movies'),
  QDRANT_TIMEOUT_MS: z.coerce.number().int().positive().default(500),
  TF_SERVING_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  ),
  TF_SERVING_MODEL: optionalString.default('user_tower'),
  SAGEMAKER_ENDPOINT: optionalString,
  AWS_REGION: optionalString,
  ENCODER_TIMEOUT_MS: z.coerce.number().int().positive().default(500),
  RECOMMENDATION_CACHE_SECONDS: z.coerce.number().int().min(0).default(300),
  RECOMMEND_MIN_TMDB_VOTES: z.coerce.number().int().min(0).default(DEFAULT_RECOMMENDABLE_RULE.minTmdbVotes),
  RECOMMEND_MIN_RATINGS: z.coerce.number().int().min(1).default(DEFAULT_RECOMMENDABLE_RULE.minRatings),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  DEMO_WRITES: z.stringbool().default(false),
  WEB_DIST: optionalString,
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PYTHON: optionalString.default('python3'),
  // Empty is meaningful here (pip's own sources), so it is not folded into "unset".
  TORCH_INDEX_URL: z.string().trim().default('https://download.pytorch.org/whl/cpu'),
});

export type Env = z.infer<typeof envSchema>;

export type { DatabaseConfig, DatabaseDriver };

export interface AppConfig {
  dataDir: string;
  database: DatabaseConfig;
  movielens: { source: string | undefined; variant: Env['MOVIELENS_VARIANT'] };
  tmdb: {
    /** Unset: the snapshot is downloaded to `<dataDir>/tmdb-snapshot` from `snapshotBaseUrl`. */
    snapshotDir: string | undefined;
    /** Where the snapshot's public copies are served: `<base>/<owner>/<repo>/<commit>/<path>`. */
    snapshotBaseUrl: string;
    apiKey: string | undefined;
    readToken: string | undefined;
    timeoutMs: number;
    /** Metadata fetched from the API longer ago than this is fetched again on the next read. */
    metadataTtlDays: number;
  };
  /** The exported model run the server and load-embeddings read (movie_embeddings.npy, user_tower.safetensors). */
  modelDir: string;
  /** Where the deployed ingest job downloads movie_embeddings.npy from (into modelDir) before loading it. */
  embeddingsS3Uri: string | undefined;
  vectorIndex: {
    qdrantUrl: string | undefined;
    qdrantApiKey: string | undefined;
    collection: string;
    timeoutMs: number;
    /** Where load-embeddings writes, and the server reads, the embedded index. */
    embeddedDir: string;
  };
  encoder: {
    tfServingUrl: string | undefined;
    tfServingModel: string;
    sagemakerEndpoint: string | undefined;
    awsRegion: string | undefined;
    timeoutMs: number;
  };
  /** How long finished personal lists are kept per user and history version (0: not kept). */
  recommendationCacheSeconds: number;
  /** Which movies the recommendation lists may show (core/catalog/recommendable.ts). */
  recommendable: RecommendableRule;
  server: {
    port: number;
    /** Lets anyone rate as a MovieLens user (demo deployments); cold-start users always need their token. */
    demoWrites: boolean;
    /** A built SPA to serve next to the API, when present. */
    webDist: string | undefined;
  };
  logLevel: Env['LOG_LEVEL'];
  python: { executable: string; torchIndexUrl: string };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`).join('; ');
}

function chooseDriver(env: Env): DatabaseDriver {
  if (env.DATABASE_DRIVER !== 'auto') return env.DATABASE_DRIVER;
  if (!env.DATABASE_URL) return 'pglite';
  // Neon's serverless driver speaks WebSockets, which is what Lambda needs; elsewhere plain TCP.
  return new URL(env.DATABASE_URL).hostname.endsWith('.neon.tech') ? 'neon' : 'postgres';
}

/** Parses and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${describeIssues(parsed.error)}`);
  const env = parsed.data;
  const driver = chooseDriver(env);
  if (driver !== 'pglite' && !env.DATABASE_URL) {
    throw new ConfigError(`DATABASE_DRIVER=${driver} needs DATABASE_URL`);
  }
  if (env.TF_SERVING_URL && env.SAGEMAKER_ENDPOINT) {
    throw new ConfigError('set either TF_SERVING_URL or SAGEMAKER_ENDPOINT, not both');
  }
  if (env.TMDB_API_KEY && env.TMDB_READ_TOKEN) {
    throw new ConfigError('set either TMDB_API_KEY or TMDB_READ_TOKEN, not both');
  }
  return {
    dataDir: env.DATA_DIR,
    database: {
      driver,
      url: env.DATABASE_URL,
      pgliteDir: env.PGLITE_DIR ?? `${env.DATA_DIR}/pglite`,
      neonWsProxy: env.NEON_WS_PROXY,
    },
    movielens: { source: env.MOVIELENS_SOURCE, variant: env.MOVIELENS_VARIANT },
    tmdb: {
      snapshotDir: env.TMDB_SNAPSHOT,
      snapshotBaseUrl: env.TMDB_SNAPSHOT_BASE_URL.replace(/\/+$/, ''),
      apiKey: env.TMDB_API_KEY,
      readToken: env.TMDB_READ_TOKEN,
      timeoutMs: env.TMDB_TIMEOUT_MS,
      metadataTtlDays: env.TMDB_METADATA_TTL_DAYS,
    },
    modelDir: env.MODEL_DIR ?? `${env.DATA_DIR}/runs/latest-model`,
    embeddingsS3Uri: env.EMBEDDINGS_S3_URI,
    vectorIndex: {
      qdrantUrl: env.QDRANT_URL,
      qdrantApiKey: env.QDRANT_API_KEY,
      collection: env.QDRANT_COLLECTION,
      timeoutMs: env.QDRANT_TIMEOUT_MS,
      embeddedDir: env.INDEX_DIR ?? `${env.DATA_DIR}/index`,
    },
    encoder: {
      tfServingUrl: env.TF_SERVING_URL,
      tfServingModel: env.TF_SERVING_MODEL,
      sagemakerEndpoint: env.SAGEMAKER_ENDPOINT,
      awsRegion: env.AWS_REGION,
      timeoutMs: env.ENCODER_TIMEOUT_MS,
    },
    recommendationCacheSeconds: env.RECOMMENDATION_CACHE_SECONDS,
    recommendable: { minTmdbVotes: env.RECOMMEND_MIN_TMDB_VOTES, minRatings: env.RECOMMEND_MIN_RATINGS },
    server: { port: env.PORT, demoWrites: env.DEMO_WRITES, webDist: env.WEB_DIST },
    logLevel: env.LOG_LEVEL,
    python: { executable: env.PYTHON, torchIndexUrl: env.TORCH_INDEX_URL },
  };
}
