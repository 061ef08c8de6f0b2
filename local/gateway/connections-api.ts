import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { BodyTooLarge, readMessage, type Message } from '../../functions/platform/clients/http1-framing';
import type { ConnectionHub } from './connection-hub';

/** API Gateway's limit on one WebSocket message. */
const MAX_MESSAGE_BYTES = 128 * 1024;

interface Reply {
  status: string;
  headers?: Record<string, string>;
  body?: string;
}

const json = (status: string, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** A whole answer in one string, kept alive unless it is the last the connection gets. */
function serialise({ status, headers = {}, body = '' }: Reply, closing = false): string {
  let head = `HTTP/1.1 ${status}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return `${head}content-length: ${Buffer.byteLength(body)}\r\n${closing ? 'connection: close\r\n' : ''}\r\n${body}`;
}
const OK = serialise({ status: '200 OK' });
const GONE = serialise(json('410 Gone', { message: 'Gone' }, { 'x-amzn-errortype': 'GoneException' }));

/**
 * The `@connections` management API (`POST/GET/DELETE /{stage}/@connections/{id}`) on its own loopback port, `url`
 * being the stage (the run's path secret in it). A SEATS fan-out is thousands of these a second, on the thread that
 * also serves the gateway, so it reads HTTP/1.1 itself (../../functions/platform/clients/http1-framing.ts) instead of
 * building node:http's request and response objects for each. An unknown id answers 410 with
 * `x-amzn-errortype: GoneException`, as API Gateway does.
 */
export async function startConnectionsApi(hub: ConnectionHub, stagePath: string): Promise<{ url: string; close(): Promise<void> }> {
  const prefix = `${stagePath}/@connections/`;

  function answer(request: Message): Reply | string {
    const [method = '', target = ''] = request.startLine.split(' ');
    if (!target.startsWith(prefix)) return json('404 Not Found', { message: 'Not found' });
    const connection = hub.get(decodeURIComponent(target.slice(prefix.length)));
    if (!connection || connection.socket.readyState !== connection.socket.OPEN) return GONE;
    switch (method) {
      case 'POST':
        connection.socket.send(request.body, { binary: false });
        hub.countDelivered();
        return OK;
      case 'GET':
        // The service's wire names are camelCase; the SDK maps them to ConnectedAt, Identity, …
        return json('200 OK', {
          connectedAt: connection.connectedAt.toISOString(),
          lastActiveAt: connection.lastActiveAt.toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
        });
      case 'DELETE':
        connection.socket.close(1000, 'Closed by the server');
        return { status: '204 No Content' };
      default:
        return json('405 Method Not Allowed', { message: 'Method not allowed' });
    }
  }

  function serve(socket: Socket): void {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    let received: Buffer | null = null;
    socket.on('data', (chunk: Buffer) => {
      received = received ? Buffer.concat([received, chunk]) : chunk;
      try {
        for (;;) {
          const request = readMessage(received, 'request', MAX_MESSAGE_BYTES);
          if (!request) return;
          if ('untilClose' in request) throw new Error('unreachable: requests have no body to the close');
          const reply = answer(request);
          socket.write(typeof reply === 'string' ? reply : serialise(reply, request.closes));
          if (request.closes) return void socket.end();
          if (received.length === request.length) return void (received = null);
          received = received.subarray(request.length);
        }
      } catch (error) {
        // The rest of the stream cannot be framed: answer, then close.
        const reply = error instanceof BodyTooLarge ? json('413 Payload Too Large', { message: 'Message too long' }, { 'x-amzn-errortype': 'PayloadTooLargeException' }) : json('400 Bad Request', { message: 'Malformed request' });
        received = null;
        socket.end(serialise(reply, true));
      }
    });
  }

  const server: Server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${stagePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
