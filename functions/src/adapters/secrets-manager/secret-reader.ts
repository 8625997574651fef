import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The current string value of a secret, by ARN or name. */
export type SecretReader = (secretId: string) => Promise<string>;

/** The SDK is imported on the first read, not with the function's code: a cold start loads it only when used. */
export function createSecretReader(given?: SecretsManagerClient): SecretReader {
  let client = given;
  return async (secretId) => {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    client ??= new SecretsManagerClient({});
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (SecretString === undefined)
      throw new Error(`secret ${secretId} holds no string value (binary secrets are not read)`);
    return SecretString;
  };
}
