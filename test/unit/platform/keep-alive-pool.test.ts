import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readMessage, type Message } from '#platform/clients/http1-framing';
import { keepAlivePool, type KeepAlivePool } from '#platform/clients/keep-alive-pool';

const run = promisify(execFile);
const TLS_DIR = new URL('../../fixtures/tls/', import.meta.url);

/** A loopback endpoint that answers each request as the test scripts it, and counts the sockets it was given. */
async function scriptedEndpoint(answer: (request: Message, socket: Socket, index: number) => void = (_r, s) => s.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n')) {
  const requests: Array<{ request: Message; socket: number }> = [];
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    const id = sockets.push(socket) - 1;
    let received: Buffer | null = null;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received = received ? Buffer.concat([received, chunk]) : chunk;
      while (received) {
        const request = readMessage(received, 'request');
        if (!request || 'untilClose' in request) return;
        received = received.length > request.length ? received.subarray(request.length) : null;
        requests.push({ request, socket: id });
        answer(request, socket, requests.length - 1);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/stage`);
  return {
    url,
    requests,
    sockets,
    open: () => sockets.filter((s) => !s.destroyed && !s.readableEnded).length,
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

const exchange = (body = '{}', attemptMs = 2_000, connectMs = 2_000) => ({ target: '/stage/@connections/abc%3D', headers: { host: 'endpoint', 'x-amz-date': '20261203T000000Z' }, body, attemptMs, connectMs });
const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error & { code?: string });
const settle = () => new Promise((r) => setTimeout(r, 30));

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
async function setUp(answer?: Parameters<typeof scriptedEndpoint>[0], maxSockets = 4) {
  const endpoint = await scriptedEndpoint(answer);
  const pool: KeepAlivePool = keepAlivePool({ url: endpoint.url, maxSockets, dependency: 'Test endpoint' });
  cleanups.push(() => pool.destroy(), endpoint.close);
  return { endpoint, pool };
}

describe('the keep-alive HTTP/1.1 pool', () => {
  it('writes the request as one HTTP/1.1 POST with its length, and reuses one socket for requests one after another', async () => {
    const { endpoint, pool } = await setUp();
    expect(await pool.post(exchange('{"type":"PONG","name":"é"}'))).toEqual({ status: 200, headers: { 'content-length': '0' }, body: '' });
    await pool.post(exchange());
    const [first] = endpoint.requests;
    expect(first?.request.startLine).toBe('POST /stage/@connections/abc%3D HTTP/1.1');
    expect(first?.request.headers).toMatchObject({ host: 'endpoint', 'x-amz-date': '20261203T000000Z', 'content-length': String(Buffer.byteLength('{"type":"PONG","name":"é"}')), connection: 'keep-alive' });
    expect(first?.request.body.toString()).toBe('{"type":"PONG","name":"é"}');
    expect(endpoint.requests.map((r) => r.socket)).toEqual([0, 0]);
  });

  it('reads an answer that arrives a byte at a time, a chunked one, and one whose body runs to the close', async () => {
    const answers = [
      'HTTP/1.1 410 Gone\r\nx-amzn-errortype: GoneException\r\ncontent-length: 18\r\n\r\n{"message":"Gone"}',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\n{"a\r\n4\r\n":1}\r\n0\r\n\r\n',
      'HTTP/1.0 200 OK\r\n\r\n{"until":"close"}',
    ];
    const { endpoint, pool } = await setUp((_r, socket, i) => {
      const wire = answers[i] as string;
      if (i === 0) [...wire].forEach((c, at) => setTimeout(() => socket.write(c, 'latin1'), at));
      else if (i === 1) socket.write(wire);
      else socket.end(wire);
    });
    expect(await pool.post(exchange())).toMatchObject({ status: 410, headers: { 'x-amzn-errortype': 'GoneException' }, body: '{"message":"Gone"}' });
    expect(await pool.post(exchange())).toMatchObject({ status: 200, body: '{"a":1}' });
    expect(await pool.post(exchange())).toMatchObject({ status: 200, body: '{"until":"close"}' });
    expect(endpoint.requests.map((r) => r.socket)).toEqual([0, 0, 0]);
  });

  it('reads a 1 MB answer that arrives in many pieces whole, and keeps the socket for the next', async () => {
    const body = JSON.stringify({ Items: 'x'.repeat(1024 * 1024) });
    const { endpoint, pool } = await setUp((_r, socket) => {
      const wire = Buffer.from(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      for (let at = 0, i = 0; at < wire.length; at += 16 * 1024, i++) setTimeout(() => socket.write(wire.subarray(at, at + 16 * 1024)), i);
    });
    expect((await pool.post(exchange())).body).toBe(body);
    expect((await pool.post(exchange())).body).toBe(body);
    expect(endpoint.requests.map((r) => r.socket)).toEqual([0, 0]);
  });

  it('does not reuse a socket the server closes, answers with Connection: close, or sends more than the answer on', async () => {
    const { endpoint, pool } = await setUp((_r, socket, i) => {
      if (i === 0) socket.write('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      else if (i === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\nHTTP/1.1 200 OK\r\n');
      else if (i === 2) socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
      else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
    });
    for (let i = 0; i < 4; i++) {
      expect((await pool.post(exchange())).status).toBe(200);
      await settle();
    }
    expect(endpoint.requests.map((r) => r.socket)).toEqual([0, 1, 2, 3]);
    expect(endpoint.open()).toBe(1);
  });

  it('rejects a reset exchange as ECONNRESET, which the clients retry, and a malformed answer, dropping that socket', async () => {
    const { endpoint, pool } = await setUp((_r, socket, i) => {
      if (i === 0) socket.destroy();
      else if (i === 1) socket.write('SSH-2.0-OpenSSH_9.2\r\n\r\n');
      else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
    });
    expect(await caught(pool.post(exchange()))).toMatchObject({ code: 'ECONNRESET' });
    expect(await caught(pool.post(exchange()))).toMatchObject({ name: 'FramingError' });
    expect((await pool.post(exchange())).status).toBe(200);
    expect(endpoint.requests.map((r) => r.socket)).toEqual([0, 1, 2]);
  });

  it('gives up on a silent endpoint at the attempt timeout, as a TimeoutError, and closes that socket', async () => {
    const { endpoint, pool } = await setUp(() => undefined);
    const started = Date.now();
    const error = await caught(pool.post(exchange('{}', 150)));
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT', message: 'Test endpoint did not answer within 150 ms' });
    expect(Date.now() - started).toBeLessThan(1_000);
    await settle();
    expect(endpoint.open()).toBe(0);
  });

  it('queues requests beyond its sockets and serves them in order as sockets free; a queued one times out at the connect timeout', async () => {
    const held: Socket[] = [];
    const { endpoint, pool } = await setUp((request, socket) => {
      if (request.body.toString() === 'hold') held.push(socket);
      else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
    }, 1);
    const first = pool.post(exchange('hold'));
    const second = pool.post(exchange('second'));
    const third = pool.post(exchange('third', 2_000, 100));
    expect(await caught(third)).toMatchObject({ name: 'TimeoutError', message: 'Test endpoint: no connection within 100 ms' });
    (held[0] as Socket).write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(endpoint.requests.map((r) => [r.request.body.toString(), r.socket])).toEqual([
      ['hold', 0],
      ['second', 0],
    ]);
  });

  it('refuses a header or target with a line break before anything is written', async () => {
    const { endpoint, pool } = await setUp();
    expect(await caught(pool.post({ ...exchange(), headers: { host: 'x', 'x-amz-date': 'a\r\nx-injected: 1' } }))).toMatchObject({ message: 'Test endpoint: header x-amz-date holds a line break' });
    expect(await caught(pool.post({ ...exchange(), target: '/a HTTP/1.1\r\nx: y' }))).toMatchObject({ message: 'Test endpoint: the request target holds a line break' });
    expect(endpoint.requests).toHaveLength(0);
  });

  it('on destroy fails what is queued and closes its idle sockets', async () => {
    const { endpoint, pool } = await setUp((request, socket) => {
      if (request.body.toString() !== 'hold') socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
    }, 1);
    await pool.post(exchange());
    void caught(pool.post(exchange('hold')));
    const queued = caught(pool.post(exchange()));
    pool.destroy();
    expect(await queued).toMatchObject({ message: 'Test endpoint: the client was destroyed' });
    expect(await caught(pool.post(exchange()))).toMatchObject({ message: 'Test endpoint: the client was destroyed' });
    await settle();
    expect(endpoint.open()).toBe(1); // the one still carrying the held exchange
  });
});

describe('the keep-alive HTTP/1.1 pool over TLS', () => {
  async function tlsEndpoint() {
    const servernames: Array<string | false> = [];
    const server = createTlsServer({ key: readFileSync(new URL('localhost.key', TLS_DIR)), cert: readFileSync(new URL('localhost.crt', TLS_DIR)) }, (socket) => {
      servernames.push((socket as unknown as { servername: string | false }).servername);
      socket.on('error', () => undefined);
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 12\r\n\r\n{"tls":true}'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    return { port: (server.address() as AddressInfo).port, servernames };
  }

  it('speaks TLS to an https endpoint, naming the host for SNI and checking its certificate against the trusted ones', async () => {
    const { port, servernames } = await tlsEndpoint();
    // Node reads extra trusted certificates only at start-up: a child process trusts the test's own certificate.
    const script = `import { keepAlivePool } from '#platform/clients/keep-alive-pool';
      const pool = keepAlivePool({ url: new URL('https://localhost:${port}/stage'), maxSockets: 1, dependency: 'TLS endpoint' });
      const answer = await pool.post({ target: '/stage/x', headers: { host: 'localhost' }, body: '{}', attemptMs: 5000, connectMs: 5000 });
      pool.destroy();
      console.log(JSON.stringify(answer));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: new URL('localhost.crt', TLS_DIR).pathname }, cwd: new URL('../../../', import.meta.url).pathname });
    expect(JSON.parse(stdout)).toMatchObject({ status: 200, body: '{"tls":true}' });
    expect(servernames).toEqual(['localhost']);
  });

  it('refuses an endpoint whose certificate is not trusted', async () => {
    const { port } = await tlsEndpoint();
    const pool = keepAlivePool({ url: new URL(`https://localhost:${port}/stage`), maxSockets: 1, dependency: 'TLS endpoint' });
    cleanups.push(() => pool.destroy());
    expect(await caught(pool.post({ ...exchange(), headers: { host: 'localhost' } }))).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });
});
