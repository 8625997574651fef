import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The current string value of a secret, by ARN or name. */
export type SecretReader = (secretId: string) => Promise<string>;

export function createSecretReader(client: SecretsManagerClient = new SecretsManagerClient({})): SecretReader {
  return async (secretId) => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (SecretString === undefined)
      throw new Error(`secret ${secretId} holds no string value (binary secrets are not read)`);
    return SecretString;
  };
}
