/**
 * Every tunable of the deployment in one typed object, read from CDK context (`-c stage=prod`,
 * or `cdk.json`). A value that is missing or wrong fails `cdk synth` with the key's name, long
 * before anything reaches AWS.
 */
export type Stage = 'dev' | 'prod';

export interface DeploymentConfig {
  stage: Stage;
  /** Steady-state requests per second across the API, and the burst above it. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Days CloudWatch keeps function and access logs. */
  logRetentionDays: number;
  /** Memory of each HTTP function (MB); CPU scales with it. */
  functionMemoryMb: number;
}

type Context = (key: string) => unknown;

const DEFAULTS: Record<Stage, Omit<DeploymentConfig, 'stage'>> = {
  dev: { throttle: { rateLimit: 50, burstLimit: 100 }, logRetentionDays: 7, functionMemoryMb: 1024 },
  prod: { throttle: { rateLimit: 500, burstLimit: 1000 }, logRetentionDays: 90, functionMemoryMb: 1769 },
};

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
  };
}
