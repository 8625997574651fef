/**
 * In Lambda the credentials live in Secrets Manager: the function's environment names the secrets
 * (DATABASE_SECRET_ARN, QDRANT_SECRET_ARN, TMDB_SECRET_ARN) and this turns their values into the
 * variables config/env.ts reads, once per container. Values never reach logs or error messages.
 */
import { z } from 'zod';
import { ConfigError } from '../config/env.js';
import type { SecretReader } from '../adapters/secrets-manager/index.js';

type EnvEntries = Record<string, string>;

interface SecretSpec {
  /** What the secret must hold, for the error message. */
  shape: string;
  toEnv(value: string): EnvEntries | null;
}

/** A JSON secret whose fields map to variables; empty fields mean "not set" (the deployment's placeholder). */
function jsonSecret(shape: string, fields: Record<string, string>): SecretSpec {
  const schema = z.record(z.string(), z.unknown());
  return {
    shape,
    toEnv(value) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return null;
      }
      const object = schema.safeParse(parsed);
      if (!object.success) return null;
      const env: EnvEntries = {};
      for (const [field, variable] of Object.entries(fields)) {
        const v = object.data[field];
        if (v !== undefined && typeof v !== 'string') return null;
        if (v) env[variable] = v;
      }
      return env;
    },
  };
}

export const SECRET_VARIABLES: Record<string, SecretSpec> = {
  DATABASE_SECRET_ARN: jsonSecret('{"url": "postgresql://…"}', { url: 'DATABASE_URL' }),
  QDRANT_SECRET_ARN: jsonSecret('{"url": "https://…", "apiKey": "…"}', { url: 'QDRANT_URL', apiKey: 'QDRANT_API_KEY' }),
  TMDB_SECRET_ARN: jsonSecret('{"apiKey": "…"} or {"readToken": "…"}', {
    apiKey: 'TMDB_API_KEY',
    readToken: 'TMDB_READ_TOKEN',
  }),
};

/** `env` plus the variables its secrets hold (read in parallel); the secrets win over plain variables. */
export async function withSecrets(env: NodeJS.ProcessEnv, read: SecretReader): Promise<NodeJS.ProcessEnv> {
  const named = Object.entries(SECRET_VARIABLES).filter(([variable]) => env[variable]);
  const resolved = await Promise.all(
    named.map(async ([variable, spec]) => {
      const arn = env[variable]!;
      const value = await read(arn).catch((error: unknown) => {
        throw new ConfigError(
          `${variable}: cannot read secret ${arn}: ${error instanceof Error ? error.message : error}`,
        );
      });
      const entries = spec.toEnv(value);
      if (!entries) throw new ConfigError(`${variable}: secret ${arn} must hold JSON like ${spec.shape}`);
      return entries;
    }),
  );
  return Object.assign({ ...env }, ...resolved);
}
