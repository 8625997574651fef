import { describe, expect, it } from 'vitest';
import { loadDeploymentConfig } from '../lib/config.js';

const contextOf = (values: Record<string, unknown>) => (key: string) => values[key];

describe('the deployment config', () => {
  it('defaults to the dev stage', () => {
    expect(loadDeploymentConfig(contextOf({}))).toMatchObject({ stage: 'dev', logRetentionDays: 7 });
  });

  it('takes prod defaults and overrides from context (strings from -c too)', () => {
    const config = loadDeploymentConfig(contextOf({ stage: 'prod', throttleRateLimit: '200' }));
    expect(config).toMatchObject({
      stage: 'prod',
      logRetentionDays: 90,
      throttle: { rateLimit: 200, burstLimit: 1000 },
    });
  });

  it('fails at synth time naming the key', () => {
    expect(() => loadDeploymentConfig(contextOf({ stage: 'staging' }))).toThrow(/"stage" must be "dev" or "prod"/);
    expect(() => loadDeploymentConfig(contextOf({ functionMemoryMb: 0 }))).toThrow(
      /"functionMemoryMb" must be a whole number/,
    );
    expect(() => loadDeploymentConfig(contextOf({ logRetentionDays: 10 }))).toThrow(
      /"logRetentionDays" must be one of/,
    );
  });
});
