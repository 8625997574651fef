/** The Secrets Manager reader against the SDK mocked at its boundary (no AWS here). */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretReader } from './index.js';

const secretsManager = mockClient(SecretsManagerClient);

afterEach(() => secretsManager.reset());

describe('createSecretReader', () => {
  it('asks for the secret by id and returns its string', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' }).resolves({
      SecretString: '{"url":"postgresql://x"}',
    });
    await expect(
      createSecretReader(new SecretsManagerClient({}))('arn:aws:secretsmanager:eu-west-1:1:secret:db'),
    ).resolves.toBe('{"url":"postgresql://x"}');
  });

  it('refuses a binary secret, naming it', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(createSecretReader(new SecretsManagerClient({}))('bin')).rejects.toThrow(/secret bin holds no string/);
  });
});
