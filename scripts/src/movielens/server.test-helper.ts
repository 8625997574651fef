/** A throwaway HTTP server on 127.0.0.1 for download tests. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  body?: string | Buffer;
  /** Accept the request and never answer (a stalled server). */
  hang?: boolean;
  /** Send the headers and this many bytes of the body, then stall. */
  stallAfter?: number;
}

export interface TestServer {
  base: string;
  hits(path: string): number;
  close(): Promise<void>;
}

/** Serves `routes` by path; anything else is a 404. */
export async function serve(routes: Record<string, Route>): Promise<TestServer> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path] ?? { status: 404, body: 'not found' };
    if (route.hang) return;
    const body = route.body ?? '';
    res.writeHead(route.status ?? 200, { 'content-length': Buffer.byteLength(body) });
    if (route.stallAfter === undefined) res.end(body);
    else res.write(Buffer.from(body).subarray(0, route.stallAfter));
  });
  const port = await listen(server);
  return {
    base: `http://127.0.0.1:${port}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
