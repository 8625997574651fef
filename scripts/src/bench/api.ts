/**
 * Loads a local server with concurrent requests per endpoint (autocannon) and reports latency
 * percentiles and throughput. Starts `serve` in a child process unless given a server's URL, so
 * the load generator and the server do not share an event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { REPO_ROOT } from '../cli/context.js';

export interface ApiBenchOptions {
  url?: string;
  connections: number;
  seconds: number;
  endpoints?: string[];
  /** RECOMMENDATION_CACHE_SECONDS for the server the benchmark starts (default: the server's own). */
  cacheSeconds?: number;
  /** Personal lists and user-list pages are drawn over this many users (the most active first). */
  users: number;
}

interface Target {
  name: string;
  /** A fresh path per request, so caches and one hot user do not flatter the figures. */
  path: () => string;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${url}/api/health/ within ${timeoutMs} ms`);
}

async function startServer(cacheSeconds: number | undefined): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  // Node itself (not npx) so SIGTERM reaches the server rather than a wrapper that would orphan it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/src/cli.ts', 'serve', '--port', String(port)], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...(cacheSeconds === undefined ? {} : { RECOMMENDATION_CACHE_SECONDS: String(cacheSeconds) }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const USER_PAGE = 100;

/** The ids of the `count` most active users, read a page at a time. */
async function mostActiveUsers(url: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < count; offset += USER_PAGE) {
    const limit = Math.min(USER_PAGE, count - offset);
    const page = await json<{ items: { id: number }[]; has_more: boolean }>(
      `${url}/api/users/?limit=${limit}&offset=${offset}&sort=ratings`,
    );
    ids.push(...page.items.map((u) => u.id));
    if (!page.has_more) break;
  }
  return ids;
}

/** Valid ids to spread the load over, read from the server itself. */
async function targets(url: string, userCount: number): Promise<Target[]> {
  const users = await mostActiveUsers(url, userCount);
  const movies = (
    await json<{ items: { tmdb_id: number | null; title: string }[] }>(
      `${url}/api/recommendations/top-rated/?limit=100`,
    )
  ).items;
  const tmdbIds = movies.flatMap((m) => (m.tmdb_id === null ? [] : [m.tmdb_id]));
  // What a search box sends while its user types the first two words of a title: every prefix.
  const words = movies.flatMap((m) => {
    const typed = m.title.split(' ').slice(0, 2).join(' ').toLowerCase();
    return Array.from({ length: typed.length }, (_, n) => encodeURIComponent(typed.slice(0, n + 1)));
  });
  const genres = (await json<{ items: { name: string }[] }>(`${url}/api/genres/`)).items.map((g) => g.name);
  if (users.length === 0 || tmdbIds.length === 0)
    throw new Error('the server has no users or rated movies: run `npm start` first');
  return [
    { name: 'for-you', path: () => `/api/recommendations/for-you/?user_id=${pick(users)}&limit=20` },
    {
      name: 'because-you-watched',
      path: () => `/api/recommendations/because-you-watched/?user_id=${pick(users)}&rows=3&limit=10`,
    },
    {
      name: 'by-genre',
      path: () =>
        `/api/recommendations/by-genre/?genre=${encodeURIComponent(pick(genres))}&user_id=${pick(users)}&limit=20`,
    },
    { name: 'similar', path: () => `/api/recommendations/similar/?tmdb_id=${pick(tmdbIds)}&limit=20` },
    { name: 'trending', path: () => `/api/recommendations/trending/?limit=20` },
    {
      name: 'seed-movies',
      path: () =>
        `/api/recommendations/seed-movies/?genres=${encodeURIComponent(`${pick(genres)},${pick(genres)}`)}&limit=24`,
    },
    { name: 'movie', path: () => `/api/movies/${pick(tmdbIds)}/` },
    { name: 'search', path: () => `/api/movies/search/?q=${pick(words)}&limit=20` },
    {
      name: 'users',
      path: () => `/api/users/?limit=20&offset=${Math.floor(Math.random() * Math.max(1, users.length - 19))}`,
    },
    { name: 'health', path: () => '/api/health/' },
  ];
}

async function load(url: string, target: Target, connections: number, seconds: number) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: target.path() }) }],
  });
  return {
    endpoint: target.name,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export async function benchApi(options: ApiBenchOptions, log: (message: string) => void) {
  const server = options.url
    ? { url: options.url.replace(/\/+$/, ''), stop: async () => undefined }
    : await startServer(options.cacheSeconds);
  try {
    const all = await targets(server.url, options.users);
    const chosen = options.endpoints ? all.filter((t) => options.endpoints!.includes(t.name)) : all;
    const endpoints = [];
    for (const target of chosen) {
      // A short warm-up so JIT compilation and first-touch caches do not count.
      await load(server.url, target, options.connections, 1);
      const figures = await load(server.url, target, options.connections, options.seconds);
      log(
        `${target.name.padEnd(20)} p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  ${figures.rps} req/s  errors ${figures.errors}`,
      );
      endpoints.push(figures);
    }
    return {
      url: server.url,
      connections: options.connections,
      seconds: options.seconds,
      cacheSeconds: options.cacheSeconds ?? null,
      users: options.users,
      endpoints,
    };
  } finally {
    await server.stop();
  }
}
