import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { signedConnectionsApi } from '#platform/clients/connections';
import { ConnectionHub } from '../../local/gateway/connection-hub';
import { startConnectionsApi } from '../../local/gateway/connections-api';

/** The local @connections stand-in, reached by the production client and by raw bytes, delivering to real sockets. */
const hub = new ConnectionHub();
let wss: WebSocketServer;
let api: Awaited<ReturnType<typeof startConnectionsApi>>;
let client: ReturnType<typeof signedConnectionsApi>;
const received = new Map<string, string[]>();

async function openConnection(id: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/?id=${encodeURIComponent(id)}`);
  received.set(id, []);
  ws.on('message', (data) => received.get(id)?.push(data.toString()));
  await new Promise((r) => ws.once('open', r));
  await eventually(() => hub.get(id) !== undefined);
  return ws;
}

async function eventually(check: () => boolean, ms = 2_000): Promise<void> {
  for (const until = Date.now() + ms; !check(); ) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Raw bytes in, the raw answer out (the connection closes after it, or after `waitMs`). */
function raw(bytes: string, waitMs = 300): Promise<string> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    setTimeout(() => socket.destroy(), waitMs);
  });
}

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (socket, req) => {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') as string;
    hub.add({ id, socket, connectedAt: new Date('2026-12-03T00:00:00Z'), lastActiveAt: new Date('2026-12-03T00:00:01Z'), sourceIp: '127.0.0.1', userAgent: 'test', authorizer: {} as never });
    socket.on('close', () => hub.remove(id));
  });
  api = await startConnectionsApi(hub, '/secret123/local');
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  client = signedConnectionsApi(api.url, 'us-east-1');
});
afterAll(async () => {
  client.destroy();
  await api.close();
  wss.clients.forEach((c) => c.terminate());
  await new Promise((r) => wss.close(r));
});

describe('the local @connections stand-in', () => {
  it('delivers a post to the connection as one text message, and counts it', async () => {
    await openConnection('abc+/=');
    const before = hub.messagesDelivered;
    expect(await client.post('abc+/=', '{"type":"PONG","ts":"é"}')).toBe('sent');
    await eventually(() => (received.get('abc+/=') ?? []).length === 1);
    expect(received.get('abc+/=')).toEqual(['{"type":"PONG","ts":"é"}']);
    expect(hub.messagesDelivered).toBe(before + 1);
  });

  it('answers 410 GoneException for a connection that is not there, which the client reads as gone', async () => {
    expect(await client.post('never-connected', '{}')).toBe('gone');
    const ws = await openConnection('closing');
    ws.close();
    await eventually(() => hub.get('closing') === undefined);
    expect(await client.post('closing', '{}')).toBe('gone');
  });

  it('answers many posts in flight at once (the client’s 64 sockets), each delivered once to its own connection', async () => {
    await Promise.all(['c1', 'c2', 'c3'].map(openConnection));
    const posts = Array.from({ length: 300 }, (_, i) => client.post(`c${(i % 3) + 1}`, JSON.stringify({ n: i })));
    expect(new Set(await Promise.all(posts))).toEqual(new Set(['sent']));
    await eventually(() => ['c1', 'c2', 'c3'].every((id) => received.get(id)?.length === 100));
    expect(received.get('c2')?.map((m) => (JSON.parse(m) as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i * 3 + 1));
  });

  it('answers GET with the connection’s details and DELETE by closing it', async () => {
    const ws = await openConnection('info');
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    const get = await raw('GET /secret123/local/@connections/info HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(get).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(get.slice(get.indexOf('\r\n\r\n') + 4))).toEqual({ connectedAt: '2026-12-03T00:00:00.000Z', lastActiveAt: '2026-12-03T00:00:01.000Z', identity: { sourceIp: '127.0.0.1', userAgent: 'test' } });
    expect(await raw('DELETE /secret123/local/@connections/info HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    expect(await closed).toBe(1000);
  });

  it('answers two requests sent back to back on one socket, in order', async () => {
    await openConnection('pipelined');
    const answer = await raw(`${['one', 'two'].map((b) => `POST /secret123/local/@connections/pipelined HTTP/1.1\r\ncontent-length: 3\r\n\r\n${b}`).join('')}`);
    expect(answer.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    await eventually(() => received.get('pipelined')?.length === 2);
    expect(received.get('pipelined')).toEqual(['one', 'two']);
  });

  it('refuses a path without the run’s secret (404), an oversized message (413) and bytes it cannot frame (400), then closes', async () => {
    await openConnection('target');
    expect(await raw('POST /wrong/local/@connections/target HTTP/1.1\r\ncontent-length: 2\r\n\r\n{}')).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    const tooLong = await raw(`POST /secret123/local/@connections/target HTTP/1.1\r\ncontent-length: ${128 * 1024 + 1}\r\n\r\n`);
    expect(tooLong).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n[^]*x-amzn-errortype: PayloadTooLargeException\r\n[^]*connection: close\r\n/);
    expect(await raw('POST /secret123/local/@connections/target HTTP/1.1\r\nno colon\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(received.get('target')).toEqual([]);
  });
});
