/**
 * Renders a component as the app would: a fresh query cache and a memory router. The API is
 * replaced at the fetch boundary (`mockFetch`) in component tests; the e2e specs use the real one.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from '@/lib/query-client';

export function renderWithApp(ui: ReactElement, { path = '/', route = '/' }: { path?: string; route?: string } = {}) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(
    [
      { path, element: ui },
      { path: '*', element: <p>elsewhere</p> },
    ],
    {
      initialEntries: [route],
    },
  );
  return {
    queryClient,
    router,
    ...render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    ),
  };
}

type Handler = (url: URL, init: RequestInit & { body?: unknown }) => unknown;

/**
 * Answers the app's API calls from `routes` ("GET /api/genres/" → a JSON body, or a Response for
 * errors). An unexpected call fails the test with its URL.
 */
export function mockFetch(routes: Record<string, Handler>) {
  const calls: { method: string; url: URL; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const body =
      request.method === 'GET'
        ? undefined
        : await request
            .clone()
            .json()
            .catch(() => undefined);
    calls.push({ method: request.method, url, body });
    const handler = routes[`${request.method} ${url.pathname}`];
    if (!handler) throw new Error(`unexpected API call: ${request.method} ${url.pathname}${url.search}`);
    const result = await handler(url, { method: request.method, body });
    return result instanceof Response ? result : Response.json(result);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
