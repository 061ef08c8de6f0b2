import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { resetClients } from '#platform/clients/lazy-client';
import { resetConfigCache } from '#platform/config';

export interface SentRequest {
  /** From `X-Amz-Target`: `GetItem`, `TransactWriteItems`, … */
  operation: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, in DynamoDB's wire format. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON, read freely by assertions
  body: any;
}

/** An answer: a status and JSON body, or none at all (a paused DynamoDB: the socket stays open, silent). */
export type Reply = { status: number; body: unknown } | 'silent';

export const ok = (body: unknown = {}): Reply => ({ status: 200, body });

/** An error answer as DynamoDB gives it: the type in `__type`, the message, any further fields (Item, CancellationReasons). */
export const failure = (status: number, type: string, fields: Record<string, unknown> = {}): Reply => ({
  status,
  body: { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `${type} from the stand-in`, ...fields },
});

export interface DynamoStandIn {
  endpoint: string;
  sent: SentRequest[];
  /** Scripts the next answers to `operation`, in order; an unscripted call is answered 200 `{}`. */
  on(operation: string, ...replies: Array<Reply | ((request: SentRequest) => Reply)>): void;
  /** Client sockets connected now. */
  openSockets(): number;
}

/**
 * A loopback DynamoDB JSON endpoint for the test file: records each request and answers as scripted. The production
 * client (`dynamo()` from #platform/clients/dynamo) is pointed at it, so tests drive the real client end to end;
 * scripts and records are cleared before each test.
 */
export function useDynamoStandIn(): DynamoStandIn {
  const scripts = new Map<string, Array<Reply | ((request: SentRequest) => Reply)>>();
  const silent: ServerResponse[] = [];
  const standIn: DynamoStandIn = {
    endpoint: '',
    sent: [],
    on: (operation, ...replies) => scripts.set(operation, [...(scripts.get(operation) ?? []), ...replies]),
    openSockets: () => sockets.size,
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { operation: String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') };
      standIn.sent.push(request);
      const next = scripts.get(request.operation)?.shift() ?? ok();
      const reply = typeof next === 'function' ? next(request) : next;
      if (reply === 'silent') silent.push(res);
      else res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `req-${standIn.sent.length}` }).end(JSON.stringify(reply.body));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    standIn.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = { AWS_ENDPOINT_URL_DYNAMODB: standIn.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDSTANDIN', AWS_SECRET_ACCESS_KEY: 'secret', TABLE_NAME: 'unit-table' };
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    resetConfigCache();
    resetClients();
  });
  beforeEach(() => {
    scripts.clear();
    standIn.sent.length = 0;
  });
  afterAll(async () => {
    resetClients();
    for (const res of silent) res.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfigCache();
  });
  return standIn;
}
