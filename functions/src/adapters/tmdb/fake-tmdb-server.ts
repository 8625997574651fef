/**
 * Test support: a real HTTP server on 127.0.0.1 (random port) standing in for api.themoviedb.org
 * and files.tmdb.org, so the client is exercised across an actual socket, headers and all.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  url: URL;
  headers: IncomingHttpHeaders;
}

export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface FakeTmdbServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  requests: RecordedRequest[];
  /** Requests being handled right now, and the most ever at once. */
  inFlight: { current: number; max: number };
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeTmdbServer(
  initial: FakeHandler = (_req, res) => sendJson(res, 404, {}),
): Promise<FakeTmdbServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const inFlight = { current: 0, max: 0 };
  const server = createServer((req, res) => {
    const recorded = { url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers };
    requests.push(recorded);
    inFlight.current++;
    inFlight.max = Math.max(inFlight.max, inFlight.current);
    res.on('close', () => inFlight.current--);
    Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    inFlight,
    setHandler(next) {
      handler = next;
    },
    async close() {
      server.closeAllConnections(); // including requests a test left hanging on purpose
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A trimmed but real-shaped GET /movie/603?append_to_response=keywords body (TMDB, 2024). */
export const MATRIX_RESPONSE = {
  adult: false,
  backdrop_path: '/ncEsesgOJDNrTUED89hYbA117wo.jpg',
  belongs_to_collection: { id: 2344, name: 'The Matrix Collection', poster_path: '/bV9qTVHTVf0gkW0j7p7M0ILD4pG.jpg' },
  budget: 63000000,
  genres: [
    { id: 28, name: 'Action' },
    { id: 878, name: 'Science Fiction' },
    { id: 36, name: 'History' },
  ],
  homepage: 'http://www.warnerbros.com/matrix',
  id: 603,
  imdb_id: 'tt0133093',
  origin_country: ['US'],
  original_language: 'en',
  original_title: 'The Matrix',
  overview:
    'Set in the 22nd century, The Matrix tells the story of a computer hacker who joins a group of underground insurgents fighting the vast and powerful computers who now rule the earth.',
  popularity: 87.351,
  poster_path: '/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg',
  production_companies: [
    { id: 79, logo_path: '/at4uYdwAAgNRKhZuuFX8ShKSybw.png', name: 'Village Roadshow Pictures', origin_country: 'US' },
  ],
  release_date: '1999-03-31',
  revenue: 463517383,
  runtime: 136,
  spoken_languages: [{ english_name: 'English', iso_639_1: 'en', name: 'English' }],
  status: 'Released',
  tagline: 'Welcome to the Real World.',
  title: 'The Matrix',
  video: false,
  vote_average: 8.2,
  vote_count: 26007,
  keywords: {
    keywords: [
      { id: 2964, name: 'future' },
      { id: 4565, name: 'dystopia' },
      { id: 14544, name: 'artificial  intelligence ' },
      { id: 4565, name: 'dystopia' },
    ],
  },
};
