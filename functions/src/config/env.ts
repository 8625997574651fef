/**
 * Every environment variable the project reads, validated once. Each part runs embedded when its
 * variable is unset and switches to the real service when it is set.
 */
import { z } from 'zod';

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
  TMDB_API_KEY: optionalString,
  TMDB_READ_TOKEN: optionalString,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  PYTHON: optionalString.default('python3'),
  // Empty is meaningful here (pip's own sources), so it is not folded into "unset".
  TORCH_INDEX_URL: z.string().trim().default('https://download.pytorch.org/whl/cpu'),
});

export type Env = z.infer<typeof envSchema>;

export type DatabaseDriver = 'pglite' | 'postgres' | 'neon';

export interface DatabaseConfig {
  driver: DatabaseDriver;
  url: string | undefined;
  pgliteDir: string;
  /** Host:port of a WebSocket-to-TCP proxy for the Neon driver outside Neon (local development). */
  neonWsProxy: string | undefined;
}

export interface AppConfig {
  dataDir: string;
  database: DatabaseConfig;
  movielens: { source: string | undefined; variant: Env['MOVIELENS_VARIANT'] };
  tmdb: { snapshotDir: string | undefined; apiKey: string | undefined; readToken: string | undefined };
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
    tmdb: { snapshotDir: env.TMDB_SNAPSHOT, apiKey: env.TMDB_API_KEY, readToken: env.TMDB_READ_TOKEN },
    logLevel: env.LOG_LEVEL,
    python: { executable: env.PYTHON, torchIndexUrl: env.TORCH_INDEX_URL },
  };
}
