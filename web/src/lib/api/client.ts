/**
 * The one API client: the base URL (VITE_API_URL, default this origin) and the API's JSON errors
 * ({"error": {"code", "message", "issues"}}) turned into ApiError, whose message a person can read.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.gen';

export type Schemas = components['schemas'];
export type Movie = Schemas['Movie'];
export type Recommendation = Schemas['Recommendation'];
export type RecommendationPage = Schemas['RecommendationPage'];
export type ListSource = Schemas['ListSource'];
export type ApiErrorBody = Schemas['Error']['error'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorBody['code'] | 'network',
    message: string,
    readonly issues: NonNullable<ApiErrorBody['issues']> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const baseUrl = (import.meta.env.VITE_API_URL ?? '').replace(/\/$/, '') || globalThis.location?.origin;

// The global fetch is looked up on every call (openapi-fetch would keep the one it saw first), so
// component tests can replace it at that boundary.
export const api = createClient<paths>({ baseUrl, fetch: (request) => globalThis.fetch(request) });

/** Issues name the field ("body.ratings.0.rating: …") so a form can say what to fix. */
function describe(body: ApiErrorBody): string {
  const first = body.issues?.[0];
  return first ? `${body.message} (${first.path}: ${first.message})` : body.message;
}

const isErrorBody = (value: unknown): value is { error: ApiErrorBody } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { error?: { message?: unknown } }).error?.message === 'string';

/** The data of an openapi-fetch result, or an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'The server cannot be reached. Check that it is running, then retry.');
  }
  const { data, error, response } = result;
  if (response.ok && data !== undefined) return data;
  if (isErrorBody(error))
    throw new ApiError(response.status, error.error.code, describe(error.error), error.error.issues);
  throw new ApiError(response.status, 'internal', `The server answered ${response.status} ${response.statusText}.`);
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong.';
