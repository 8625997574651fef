/**
 * An API Gateway HTTP API (payload v2) event as API Gateway sends it for `method path?query`: what
 * the handler tests and the bundle report (infra/bin/bundle-report.ts) send each function.
 */
import type { handle } from 'hono/aws-lambda';

/** The v2 event shape as Hono's Lambda adapter types it. */
export type HttpApiEvent = Parameters<ReturnType<typeof handle>>[0];

export function httpApiEvent(
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): HttpApiEvent {
  const [rawPath = '', rawQueryString = ''] = pathAndQuery.split('?');
  const allHeaders = { host: 'api.example.com', 'content-type': 'application/json', ...headers };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: allHeaders,
    queryStringParameters: rawQueryString ? Object.fromEntries(new URLSearchParams(rawQueryString)) : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'vitest' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:00:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
      authentication: null,
      authorizer: {},
    },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
  };
}
