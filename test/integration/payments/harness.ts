import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { PutCommand } from '#platform/clients/dynamo-commands';
import { ulid } from 'ulid';
import { createQueues } from '../../../local/bootstrap';
import { keys } from '#adapters/dynamo/keys';
import { dynamo, sqs, tableName } from '#platform/clients';
import type { PaymentEventsListener, PaymentIntentEvent } from '#services/ports/payment-events-listener';

/** Parsed JSON, as loosely typed as JSON.parse returns it. */
export type Json = ReturnType<typeof JSON.parse>;
export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
export type Who = { userId: string; role: 'USER' | 'ADMIN' };

export const user = (userId = `u-${ulid()}`): Who => ({ userId, role: 'USER' });
export const admin = (): Who => ({ userId: `admin-${ulid()}`, role: 'ADMIN' });

/** An API Gateway REST event as the gateway would build it, with the authorizer's context for `who`. */
export function apiEvent(options: { body?: unknown; rawBody?: string; params?: Record<string, string>; who?: Who; headers?: Record<string, string> }): APIGatewayProxyEvent {
  const authorizer = options.who ? { principalId: options.who.userId, ...options.who, tier: 'GOLD', jti: ulid(), tokenExpiresAt: 4102444800 } : null;
  return {
    body: options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body)),
    headers: options.headers ?? {},
    multiValueHeaders: {},
    httpMethod: 'POST',
    isBase64Encoded: false,
    path: '/v1/payments',
    pathParameters: options.params ?? null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    resource: '/v1/payments',
    requestContext: { requestId: ulid(), authorizer } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

export async function call(handler: Handler, options: Parameters<typeof apiEvent>[0]): Promise<{ status: number; body: Json }> {
  const r = await handler(apiEvent(options), { awsRequestId: ulid() } as Context);
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
}

/** A reservation item as the reservation side writes it (only the fields payments read matter here). */
export async function putReservation(userId: string, options: { amount?: number; status?: string } = {}): Promise<string> {
  const reservationId = ulid();
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.reservation(reservationId), reservationId, userId, amount: options.amount ?? 165000, currency: 'KRW', status: options.status ?? 'PAYING' },
    }),
  );
  return reservationId;
}

/** A private copy of every declared queue (with its DLQ and redrive), so parallel test files never share messages. */
export async function privateWebhookQueue(): Promise<{ url: string; dlqUrl: string }> {
  const queues = await createQueues(process.env.AWS_ENDPOINT_URL_SQS!, `pay-${ulid().toLowerCase()}`);
  const q = queues.find((x) => x.urlEnv === 'WEBHOOK_QUEUE_URL')!;
  return { url: q.url, dlqUrl: q.dlqUrl };
}

export async function receiveAll(queueUrl: string, waitSeconds = 1): Promise<Message[]> {
  const out = await (await sqs()).client.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
  );
  return out.Messages ?? [];
}

function toRecord(m: Message, queueUrl: string): SQSRecord {
  const attrs = (m.Attributes ?? {}) as Record<string, string>;
  return {
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body!,
    attributes: {
      ApproximateReceiveCount: attrs.ApproximateReceiveCount ?? '1',
      SentTimestamp: attrs.SentTimestamp ?? '0',
      SenderId: attrs.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attrs.ApproximateFirstReceiveTimestamp ?? '0',
    },
    messageAttributes: Object.fromEntries(
      Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, { dataType: v.DataType!, stringValue: v.StringValue, stringListValues: [], binaryListValues: [] }]),
    ),
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueUrl,
    awsRegion: 'us-east-1',
  };
}

/**
 * What Lambda's SQS event source mapping does: long-poll a batch, invoke the consumer, delete what it did not
 * report as failed. Failed messages stay in flight until their visibility timeout, which the consumer may change.
 */
export function startQueuePump(queueUrl: string, consumer: (event: SQSEvent) => Promise<SQSBatchResponse>): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      const messages = await receiveAll(queueUrl);
      if (!messages.length) continue;
      const { batchItemFailures } = await consumer({ Records: messages.map((m) => toRecord(m, queueUrl)) });
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      const done = messages.filter((m) => !failed.has(m.MessageId!));
      if (done.length) {
        await (await sqs()).client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

export interface Delivery {
  body: string;
  signature: string | undefined;
  status: number;
  response: Json;
  at: number;
}

/** A loopback HTTP server standing in for the API Gateway in front of the receiver: it turns each POST into an event. */
export async function startWebhookTarget(answer: (body: string, signature: string | undefined) => Promise<{ status: number; body: string }>): Promise<{
  url: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['ticketrush-signature'] as string | undefined;
      answer(body, signature)
        .then((r) => {
          deliveries.push({ body, signature, status: r.status, response: r.body ? JSON.parse(r.body) : undefined, at: Date.now() });
          res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/payments/webhooks`, deliveries, close: () => new Promise((r) => server.close(() => r())) };
}

/** Forwards a delivery to an API Gateway handler, as the gateway would. */
export const forwardTo = (handler: Handler) => async (body: string, signature: string | undefined) => {
  const r = await handler(apiEvent({ rawBody: body, headers: signature ? { 'TicketRush-Signature': signature } : {} }), { awsRequestId: ulid() } as Context);
  return { status: r.statusCode, body: r.body };
};

export interface ListenerCall {
  method: keyof PaymentEventsListener;
  event: PaymentIntentEvent;
}

/** The reservation side is not merged yet; this listener records what it would have been told. */
export function recordingListener(): PaymentEventsListener & { calls: ListenerCall[]; of(intentId: string): ListenerCall[] } {
  const calls: ListenerCall[] = [];
  const record = (method: keyof PaymentEventsListener) => async (event: PaymentIntentEvent) => void calls.push({ method, event });
  return {
    calls,
    of: (intentId) => calls.filter((c) => c.event.intentId === intentId),
    onAuthorized: record('onAuthorized'),
    onCaptured: record('onCaptured'),
    onFailed: record('onFailed'),
    onCancelled: record('onCancelled'),
    onRefunded: record('onRefunded'),
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
