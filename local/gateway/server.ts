import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localLog } from '../log';
import { sendJson } from './http-io';

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface GatewayServerOptions {
  /** First matching prefix wins; a prefix matches the path itself or anything under it. */
  routes: Array<{ prefix: string; handle: Route }>;
  fallback: Route;
  upgrade: { path: string; handle: (req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer, url: URL) => void };
}

/**
 * One loopback HTTP server for everything the local cloud exposes. A failure in any route answers 500 JSON and
 * is logged; it never takes the server down.
 */
export async function startGatewayServer(port: number, options: GatewayServerOptions): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = options.routes.find((r) => url.pathname === r.prefix || url.pathname.startsWith(`${r.prefix}/`));
    Promise.resolve((route?.handle ?? options.fallback)(req, res, url)).catch((e: unknown) => {
      localLog.error('request failed', e, { method: req.method, path: url.pathname });
      sendJson(res, 500, { error: { code: 'INTERNAL', message: 'Internal server error' } });
    });
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== options.upgrade.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    options.upgrade.handle(req, socket, head, url);
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
