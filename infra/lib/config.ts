/**
 * Every tunable of the deployment in one typed object, read from CDK context (`-c stage=prod`,
 * or `cdk.json`). A value that is missing or wrong fails `cdk synth` with the key's name, long
 * before anything reaches AWS.
 */
export type Stage = 'dev' | 'prod';

/** Where the user tower runs (lib/model-stack.ts builds each). */
export type UserTowerHosting =
  | { kind: 'serverless'; memoryMb: number; maxConcurrency: number }
  | { kind: 'instance'; instanceType: string; instanceCount: number }
  | { kind: 'ecs'; cpu: number; memoryMib: number; desiredCount: number };

export interface DeploymentConfig {
  stage: Stage;
  /** Steady-state requests per second across the API, and the burst above it. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Days CloudWatch keeps function and access logs. */
  logRetentionDays: number;
  /** Memory of each HTTP function (MB); CPU scales with it. */
  functionMemoryMb: number;
  /** Where the user tower runs: SageMaker serverless (default), SageMaker instances, or ECS Fargate. */
  userTower: UserTowerHosting;
  /** The training export deployed (user tower, movie embeddings); default the latest local one. */
  modelDir: string;
  /** The web app's build (`npm run build -w web`). */
  webDist: string;
  /** When the Trending refresh runs (an EventBridge Scheduler expression). */
  trendingSchedule: string;
  /** Alarms: a route's share of 5xx answers (0–1) and its p99 latency (ms) over 5 minutes. */
  alarms: { serverErrorRate: number; p99LatencyMs: number; email: string | undefined };
}

type Context = (key: string) => unknown;

type StageDefaults = Pick<DeploymentConfig, 'throttle' | 'logRetentionDays' | 'functionMemoryMb'>;

const DEFAULTS: Record<Stage, StageDefaults> = {
  dev: { throttle: { rateLimit: 50, burstLimit: 100 }, logRetentionDays: 7, functionMemoryMb: 1024 },
  prod: { throttle: { rateLimit: 500, burstLimit: 1000 }, logRetentionDays: 90, functionMemoryMb: 1769 },
};

const USER_TOWER_KINDS = ['serverless', 'instance', 'ecs'] as const;

/** CloudWatch accepts only these retention periods. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export class ConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`CDK context "${key}" ${problem}`);
    this.name = 'ConfigError';
  }
}

function positiveInt(context: Context, key: string, fallback: number, max: number): number {
  const raw = context(key);
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
    throw new ConfigError(key, `must be a whole number from 1 to ${max} (got ${JSON.stringify(raw)})`);
  return value;
}

function text(context: Context, key: string, fallback: string): string {
  const raw = context(key) ?? fallback;
  if (typeof raw !== 'string' || raw.trim() === '') throw new ConfigError(key, `must be a non-empty string`);
  return raw;
}

function fraction(context: Context, key: string, fallback: number): number {
  const raw = context(key);
  const value = raw === undefined ? fallback : Number(raw);
  if (!(value > 0 && value <= 1)) throw new ConfigError(key, `must be a number in (0, 1] (got ${JSON.stringify(raw)})`);
  return value;
}

function userTowerHosting(context: Context): UserTowerHosting {
  const kind = (context('userTower') ?? 'serverless') as UserTowerHosting['kind'];
  switch (kind) {
    case 'serverless':
      return {
        kind,
        memoryMb: positiveInt(context, 'userTowerMemoryMb', 2048, 6144),
        maxConcurrency: positiveInt(context, 'userTowerMaxConcurrency', 10, 200),
      };
    case 'instance':
      return {
        kind,
        instanceType: text(context, 'userTowerInstanceType', 'ml.c7g.large'),
        instanceCount: positiveInt(context, 'userTowerInstanceCount', 1, 10),
      };
    case 'ecs':
      return {
        kind,
        cpu: positiveInt(context, 'userTowerCpu', 1024, 16_384),
        memoryMib: positiveInt(context, 'userTowerMemoryMib', 2048, 122_880),
        desiredCount: positiveInt(context, 'userTowerDesiredCount', 1, 10),
      };
    default:
      throw new ConfigError('userTower', `must be one of ${USER_TOWER_KINDS.join(', ')} (got ${JSON.stringify(kind)})`);
  }
}

export function loadDeploymentConfig(context: Context): DeploymentConfig {
  const stage = context('stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod')
    throw new ConfigError('stage', `must be "dev" or "prod" (got ${JSON.stringify(stage)})`);
  const defaults = DEFAULTS[stage];
  const logRetentionDays = positiveInt(context, 'logRetentionDays', defaults.logRetentionDays, 3653);
  if (!RETENTION_DAYS.includes(logRetentionDays))
    throw new ConfigError('logRetentionDays', `must be one of CloudWatch's periods: ${RETENTION_DAYS.join(', ')}`);
  return {
    stage,
    throttle: {
      rateLimit: positiveInt(context, 'throttleRateLimit', defaults.throttle.rateLimit, 10_000),
      burstLimit: positiveInt(context, 'throttleBurstLimit', defaults.throttle.burstLimit, 5_000),
    },
    logRetentionDays,
    functionMemoryMb: positiveInt(context, 'functionMemoryMb', defaults.functionMemoryMb, 10_240),
    userTower: userTowerHosting(context),
    modelDir: text(context, 'modelDir', '.data/runs/latest-model'),
    webDist: text(context, 'webDist', 'web/dist'),
    trendingSchedule: text(context, 'trendingSchedule', 'rate(1 day)'),
    alarms: {
      serverErrorRate: fraction(context, 'alarmServerErrorRate', 0.05),
      p99LatencyMs: positiveInt(context, 'alarmP99LatencyMs', 3000, 30_000),
      email: (context('alarmEmail') as string | undefined) || undefined,
    },
  };
}
