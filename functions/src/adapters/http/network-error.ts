/**
 * A failed fetch in words. undici reports "fetch failed" and keeps the useful part
 * (ECONNREFUSED, ENOTFOUND …) in `cause`, so both are named.
 */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
