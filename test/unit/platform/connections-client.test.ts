import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedConnectionsApi } from '#platform/clients/connections';
import { classifyDependencyError } from '#platform/dependency-errors';
import { withInvocationDeadline } from '#platform/deadlines';

/** A stand-in @connections endpoint whose answer per connection id the test scripts. */
const answers = new Map<string, Array<(res: ServerResponse) => void>>();
const seen: Array<{ path: string; headers: IncomingMessage['headers']; body: string }> = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    seen.push({ path: req.url ?? '', headers: req.headers, body });
    const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
    const answer = answers.get(id)?.shift() ?? ((r: ServerResponse) => r.writeHead(200).end());
    answer(res);
  });
});
let api: ReturnType<typeof signedConnectionsApi>;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  api = signedConnectionsApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}/local`, 'us-east-1');
});
afterAll(() => {
  api.destroy();
  server.close();
});

const status = (code: number, type?: string) => (res: ServerResponse) => res.writeHead(code, type ? { 'x-amzn-errortype': type } : {}).end('{}');

describe('the signed @connections client', () => {
  it('posts the message, signed, to /{stage}/@connections/{id}', async () => {
    expect(await api.post('abc+/=', '{"type":"PONG"}')).toBe('sent');
    const request = seen.at(-1);
    expect(request?.path).toBe('/local/@connections/abc%2B%2F%3D');
    expect(request?.body).toBe('{"type":"PONG"}');
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date/);
  });

  it('answers gone for a connection that no longer exists (410)', async () => {
    answers.set('gone-1', [status(410, 'GoneException')]);
    expect(await api.post('gone-1', '{}')).toBe('gone');
  });

  it('retries a throttle or a fault once, and a second one is a dependency failure (503 upstream)', async () => {
    answers.set('flaky', [status(500, 'InternalServerErrorException')]);
    expect(await api.post('flaky', '{}')).toBe('sent');
    answers.set('throttled', [status(429, 'LimitExceededException'), status(429, 'LimitExceededException')]);
    const error = await api.post('throttled', '{}').catch((e: unknown) => e);
    expect(classifyDependencyError(error)).toMatchObject({ failure: 'throttled', dependency: 'API Gateway @connections' });
  });

  it('does not retry a client error, which is not a dependency failure', async () => {
    answers.set('forbidden', [status(403, 'ForbiddenException'), status(200)]);
    const error = await api.post('forbidden', '{}').catch((e: unknown) => e);
    expect((error as Error).name).toBe('ForbiddenException');
    expect(classifyDependencyError(error)).toBeUndefined();
  });

  it('gives up within the invocation’s deadline when the endpoint does not answer', async () => {
    answers.set('silent', [() => undefined, () => undefined]);
    const started = Date.now();
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 3_000 }, () => api.post('silent', '{}')).catch((e: unknown) => e);
    expect(classifyDependencyError(error)?.failure).toBe('timeout');
    // One attempt, cut to the invocation's budget (its 3 s less the reserve for answering): never the Lambda's timeout.
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
