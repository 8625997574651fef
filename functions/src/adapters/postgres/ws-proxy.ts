/**
 * A WebSocket-to-TCP proxy in the shape of Neon's `wsproxy`: each WebSocket at
 * `/v1?address=host:port` is piped to a TCP connection to that address. It lets the Neon driver talk
 * to a plain Postgres server, for tests and local development without Docker.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface WsProxy {
  /** `host:port` to put in NEON_WS_PROXY. */
  address: string;
  close(): Promise<void>;
}

function pipe(socket: WebSocket, target: string, allowed: ReadonlySet<string>): void {
  if (!allowed.has(target)) {
    socket.close(1008, `address ${target} is not allowed`);
    return;
  }
  const [host, port] = splitHostPort(target);
  const tcp = connect({ host, port });
  tcp.on('data', (chunk) => socket.send(chunk));
  tcp.on('close', () => socket.close());
  tcp.on('error', () => socket.close(1011, 'upstream connection failed'));
  socket.on('message', (data: Buffer) => tcp.write(data));
  socket.on('close', () => tcp.destroy());
}

function splitHostPort(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

/** Starts the proxy on 127.0.0.1; only the listed upstream addresses may be reached through it. */
export async function startWsProxy(allowedUpstreams: string[]): Promise<WsProxy> {
  const allowed = new Set(allowedUpstreams);
  const http: Server = createServer((_req, res) => res.writeHead(426).end('WebSocket only'));
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket, request) => {
    const target = new URL(request.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    pipe(socket, target, allowed);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
