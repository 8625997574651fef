/**
 * TF Serving's model status (`GET <url>/v1/models/<model>`), for /api/status.
 */
import { z } from 'zod';
import { CodedError } from '../../core/errors.js';
import { tfServingRequestJson } from './http.js';
import { tfServingModelUrl } from './tf-serving-encoder.js';

export interface TfServingModelStatus {
  model: string;
  /** True when some version is AVAILABLE (TF Serving then serves the highest such version). */
  available: boolean;
  versions: { version: string; state: string; error: string | null }[];
}

// proto3 JSON: int64 versions are strings, and empty fields may be left out.
const statusResponse = z.object({
  model_version_status: z.array(
    z.object({
      version: z.union([z.string(), z.number()]).transform(String),
      state: z.string(),
      status: z.object({ error_code: z.string().default('OK'), error_message: z.string().default('') }).optional(),
    }),
  ),
});

/** The model's versions and their states; an unreachable server or unknown model → CodedError('unavailable'). */
export async function tfServingModelStatus(
  url: string,
  model: string,
  timeoutMs: number,
): Promise<TfServingModelStatus> {
  const json = await tfServingRequestJson({
    url: tfServingModelUrl(url, model),
    method: 'GET',
    timeoutMs,
    fetch: globalThis.fetch,
  });
  const parsed = statusResponse.safeParse(json);
  if (!parsed.success)
    throw new CodedError('unavailable', `tf-serving: unexpected model status: ${z.prettifyError(parsed.error)}`);
  const versions = parsed.data.model_version_status.map(({ version, state, status }) => ({
    version,
    state,
    error: status && status.error_code !== 'OK' ? `${status.error_code}: ${status.error_message}` : null,
  }));
  return { model, available: versions.some((v) => v.state === 'AVAILABLE'), versions };
}
