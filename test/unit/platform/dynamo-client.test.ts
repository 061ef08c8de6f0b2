import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dynamo } from '#platform/clients/dynamo';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DescribeTableCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '#platform/clients/dynamo-commands';
import { dynamoJsonClient } from '#platform/clients/dynamo-json-client';
import { ConditionalCheckFailedException, TransactionCanceledException } from '#platform/clients/dynamo-errors';
import { resetClients } from '#platform/clients/lazy-client';
import { asClientError, classifyDependencyError } from '#platform/dependency-errors';
import { withInvocationDeadline } from '#platform/deadlines';
import { failure, ok, useDynamoStandIn } from '../../helpers/dynamo-stand-in';

// The production deadlines, not the suite's relaxed ones.
process.env.DEADLINE_SCALE = '1';

const db = useDynamoStandIn();
const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('the DynamoDB JSON client: requests', () => {
  it('POSTs / with the operation as X-Amz-Target, the JSON 1.0 content type, and a SigV4 signature over both', async () => {
    await dynamo().send(new GetCommand({ TableName: 't', Key: { PK: 'A', SK: 'B' } }));
    const [request] = db.sent;
    expect(request?.operation).toBe('GetItem');
    expect(request?.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSTANDIN\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends items, keys and expression values as AttributeValues, leaving undefined attributes out', async () => {
    await dynamo().send(
      new PutCommand({
        TableName: 't',
        Item: { PK: 'A', n: 7, ok: true, none: null, tags: new Set(['x', 'y']), seats: ['A-1-1', 2], price: { amount: 150000, currency: 'KRW' }, gone: undefined },
        ConditionExpression: 'attribute_not_exists(PK) OR v < :v',
        ExpressionAttributeValues: { ':v': 3 },
      }),
    );
    expect(db.sent[0]?.body).toEqual({
      TableName: 't',
      Item: {
        PK: { S: 'A' },
        n: { N: '7' },
        ok: { BOOL: true },
        none: { NULL: true },
        tags: { SS: ['x', 'y'] },
        seats: { L: [{ S: 'A-1-1' }, { N: '2' }] },
        price: { M: { amount: { N: '150000' }, currency: { S: 'KRW' } } },
      },
      ConditionExpression: 'attribute_not_exists(PK) OR v < :v',
      ExpressionAttributeValues: { ':v': { N: '3' } },
    });
  });

  it('converts the keys and values nested in transactions and batches', async () => {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: 't', Key: { PK: 'c' }, ConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': 1 } } },
          { Put: { TableName: 't', Item: { PK: 'p', n: 1 } } },
          { Update: { TableName: 't', Key: { PK: 'u' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 2 } } },
          { Delete: { TableName: 't', Key: { PK: 'd' } } },
        ],
      }),
    );
    await dynamo().send(new BatchWriteCommand({ RequestItems: { t: [{ PutRequest: { Item: { PK: 'p' } } }, { DeleteRequest: { Key: { PK: 'd' } } }] } }));
    await dynamo().send(new BatchGetCommand({ RequestItems: { t: { Keys: [{ PK: 'k' }], ProjectionExpression: 'PK' } } }));
    await dynamo().send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'q' }, ExclusiveStartKey: { PK: 'q', SK: 's' } }));
    await dynamo().send(new DeleteCommand({ TableName: 't', Key: { PK: 'd' }, ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': 1 } }));
    const [transaction, batchWrite, batchGet, query, del] = db.sent.map((r) => r.body);
    expect(transaction.TransactItems).toEqual([
      { ConditionCheck: { TableName: 't', Key: { PK: { S: 'c' } }, ConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': { N: '1' } } } },
      { Put: { TableName: 't', Item: { PK: { S: 'p' }, n: { N: '1' } } } },
      { Update: { TableName: 't', Key: { PK: { S: 'u' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } } },
      { Delete: { TableName: 't', Key: { PK: { S: 'd' } } } },
    ]);
    expect(transaction.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(batchWrite.RequestItems).toEqual({ t: [{ PutRequest: { Item: { PK: { S: 'p' } } } }, { DeleteRequest: { Key: { PK: { S: 'd' } } } }] });
    expect(batchGet.RequestItems).toEqual({ t: { Keys: [{ PK: { S: 'k' } }], ProjectionExpression: 'PK' } });
    expect(query).toMatchObject({ ExpressionAttributeValues: { ':pk': { S: 'q' } }, ExclusiveStartKey: { PK: { S: 'q' }, SK: { S: 's' } } });
    expect(del).toMatchObject({ Key: { PK: { S: 'd' } }, ExpressionAttributeValues: { ':v': { N: '1' } } });
  });
});

describe('the DynamoDB JSON client: answers', () => {
  it('returns items, keys and attributes as plain values, as the DocumentClient does', async () => {
    db.on('GetItem', ok({ Item: { PK: { S: 'A' }, n: { N: '7' }, tags: { SS: ['x'] }, m: { M: { l: { L: [{ BOOL: false }] } } } } }), ok({}));
    db.on('Query', ok({ Items: [{ PK: { S: 'q1' } }, { PK: { S: 'q2' } }], Count: 2, LastEvaluatedKey: { PK: { S: 'q2' } } }));
    db.on('UpdateItem', ok({ Attributes: { n: { N: '8' } } }));
    db.on('BatchGetItem', ok({ Responses: { t: [{ PK: { S: 'k1' } }] }, UnprocessedKeys: { t: { Keys: [{ PK: { S: 'k2' } }] } } }));
    db.on('BatchWriteItem', ok({ UnprocessedItems: { t: [{ PutRequest: { Item: { PK: { S: 'p' } } } }] } }));
    expect(await dynamo().send(new GetCommand({ TableName: 't', Key: { PK: 'A' } }))).toEqual({ Item: { PK: 'A', n: 7, tags: new Set(['x']), m: { l: [false] } } });
    expect(await dynamo().send(new GetCommand({ TableName: 't', Key: { PK: 'none' } }))).toStrictEqual({});
    expect(await dynamo().send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'q' } }))).toEqual({
      Items: [{ PK: 'q1' }, { PK: 'q2' }],
      Count: 2,
      LastEvaluatedKey: { PK: 'q2' },
    });
    expect(await dynamo().send(new UpdateCommand({ TableName: 't', Key: { PK: 'u' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'ALL_NEW' }))).toEqual({ Attributes: { n: 8 } });
    expect(await dynamo().send(new BatchGetCommand({ RequestItems: { t: { Keys: [{ PK: 'k1' }, { PK: 'k2' }] } } }))).toEqual({
      Responses: { t: [{ PK: 'k1' }] },
      UnprocessedKeys: { t: { Keys: [{ PK: 'k2' }] } },
    });
    expect(await dynamo().send(new BatchWriteCommand({ RequestItems: { t: [{ PutRequest: { Item: { PK: 'p' } } }] } }))).toEqual({ UnprocessedItems: { t: [{ PutRequest: { Item: { PK: 'p' } } }] } });
  });

  it('passes a DescribeTable answer through (the health probe)', async () => {
    db.on('DescribeTable', ok({ Table: { TableName: 't', TableStatus: 'ACTIVE' } }));
    expect(await dynamo().send(new DescribeTableCommand({ TableName: 't' }))).toEqual({ Table: { TableName: 't', TableStatus: 'ACTIVE' } });
  });
});

describe('the DynamoDB JSON client: errors, shaped as the SDK raises them', () => {
  const put = () => dynamo().send(new PutCommand({ TableName: 't', Item: { PK: 'A' }, ConditionExpression: 'attribute_not_exists(PK)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));

  it('a failed condition is a ConditionalCheckFailedException carrying the old item in plain values, not retried, not a dependency failure', async () => {
    db.on('PutItem', failure(400, 'ConditionalCheckFailedException', { Item: { PK: { S: 'A' }, holder: { S: 'u1' }, n: { N: '2' } } }));
    const error = await caught(put());
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect(error).toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: 'ConditionalCheckFailedException from the stand-in',
      Item: { PK: 'A', holder: 'u1', n: 2 },
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-1' },
    });
    expect(db.sent).toHaveLength(1);
    expect(classifyDependencyError(error)).toBeUndefined();
  });

  it('a cancelled transaction is a TransactionCanceledException with its reasons, items decoded, not retried', async () => {
    db.on(
      'TransactWriteItems',
      failure(400, 'TransactionCanceledException', {
        message: undefined,
        Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { status: { S: 'HELD' } } }, { Code: 'None' }],
      }),
    );
    const error = await caught(dynamo().send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { PK: 'a' } } }, { Put: { TableName: 't', Item: { PK: 'b' } } }] })));
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error).toMatchObject({
      name: 'TransactionCanceledException',
      message: expect.stringContaining('[ConditionalCheckFailed, None]'),
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { status: 'HELD' } }, { Code: 'None' }],
    });
    expect(db.sent).toHaveLength(1);
    expect(classifyDependencyError(error)).toBeUndefined();
  });

  it('retries a throttle once, and a second one is a throttled DynamoDB failure (503, Retry-After 1)', async () => {
    db.on('PutItem', failure(400, 'ProvisionedThroughputExceededException'), failure(400, 'ProvisionedThroughputExceededException'));
    const error = await caught(put());
    expect(db.sent).toHaveLength(2);
    expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException', $retryable: { throttling: true }, $fault: 'client' });
    expect(classifyDependencyError(error)).toEqual({ failure: 'throttled', dependency: 'DynamoDB', retryAfterSeconds: 1 });
  });

  it('retries a service fault, and succeeds when the second attempt does', async () => {
    db.on('PutItem', failure(500, 'InternalServerError'), ok({}));
    expect(await put()).toEqual({});
    expect(db.sent).toHaveLength(2);
  });

  it('retries a transaction with the token of its first attempt, so DynamoDB answers a committed one as done', async () => {
    db.on('TransactWriteItems', failure(500, 'InternalServerError'), ok({}));
    await dynamo().send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { PK: 'a' } } }] }));
    const [first, second] = db.sent.map((r) => r.body.ClientRequestToken);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it('a fault on both attempts is an unavailable DynamoDB (503)', async () => {
    db.on('PutItem', failure(503, 'ServiceUnavailable'), failure(500, 'InternalServerError'));
    const error = await caught(put());
    expect(db.sent).toHaveLength(2);
    expect(error).toMatchObject({ name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    expect(asClientError(error)).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', details: { dependency: 'DynamoDB' } });
  });

  it('does not retry a validation error, which is a defect rather than a dependency failure', async () => {
    db.on('PutItem', failure(400, 'ValidationException', { message: 'One or more parameter values were invalid' }), ok({}));
    const error = await caught(put());
    expect(db.sent).toHaveLength(1);
    expect(error).toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid', $fault: 'client' });
    expect(classifyDependencyError(error)).toBeUndefined();
  });

  it('names an answer that is not DynamoDB JSON by its status', async () => {
    db.on('GetItem', { status: 502, body: '<html>Bad Gateway</html>' }, { status: 502, body: '<html>Bad Gateway</html>' });
    const error = await caught(dynamo().send(new GetCommand({ TableName: 't', Key: { PK: 'A' } })));
    expect(error).toMatchObject({ name: 'HTTP 502', $fault: 'server' });
    expect(classifyDependencyError(error)?.failure).toBe('unavailable');
  });
});

/** A TCP server that accepts connections and never answers: what a paused (SIGSTOP) DynamoDB looks like. */
async function silentServer(): Promise<{ server: Server; port: number; accepted: Socket[] }> {
  const accepted: Socket[] = [];
  const server = createServer((s) => accepted.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, accepted };
}

describe('the DynamoDB JSON client: deadlines', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(async () => {
    for (const s of silent.accepted) s.destroy();
    await new Promise((r) => silent.server.close(r));
  });
  const get = new GetCommand({ TableName: 't', Key: { PK: 'A' } });
  const clientAt = (port: number) => dynamoJsonClient(new URL(`http://127.0.0.1:${port}`), 'us-east-1');

  it('gives a silent DynamoDB two 600 ms attempts in a REST request with time to spare: 503 within 1.5 s', async () => {
    const client = clientAt(silent.port);
    const before = silent.accepted.length;
    const started = Date.now();
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 29_000 }, () => caught(client.send(get)));
    const elapsed = Date.now() - started;
    client.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(asClientError(error)).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryAfterSeconds: 2, details: { dependency: 'DynamoDB' } });
    expect(silent.accepted.length - before).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(1150);
    expect(elapsed).toBeLessThan(1500);
  });

  it('cuts a silent DynamoDB off at the invocation’s budget, with no second attempt once it is spent', async () => {
    const client = clientAt(silent.port);
    const before = silent.accepted.length;
    const started = Date.now();
    // 900 ms left, 300 ms of it kept back for answering: one attempt of 600 ms, then nothing is left to retry in.
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 900 }, () => caught(client.send(get)));
    const elapsed = Date.now() - started;
    client.destroy();
    expect(classifyDependencyError(error)?.failure).toBe('timeout');
    expect(silent.accepted.length - before).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(900);
  });

  it('does not back off past the budget: a throttle with less time left than its backoff fails at once, as throttled', async () => {
    db.on('PutItem', failure(400, 'ThrottlingException'), ok({}));
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.9);
    try {
      const started = Date.now();
      // 1 s left: 700 ms of budget, less than the 900 ms backoff a throttle would wait.
      const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 1_000 }, () =>
        caught(dynamo().send(new PutCommand({ TableName: 't', Item: { PK: 'A' } }))),
      );
      expect(Date.now() - started).toBeLessThan(600);
      expect(db.sent).toHaveLength(1);
      expect(classifyDependencyError(error)?.failure).toBe('throttled');
    } finally {
      random.mockRestore();
    }
  });

  it('fails at once, without a request, when the invocation’s budget is already spent', async () => {
    const client = clientAt(silent.port);
    const before = silent.accepted.length;
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 200 }, () => caught(client.send(get)));
    client.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError', message: expect.stringContaining('no time left') });
    expect(silent.accepted.length).toBe(before);
  });

  it('a port nobody listens on is a "connection" failure that keeps its socket error code', async () => {
    const closed = await silentServer();
    await new Promise((r) => closed.server.close(r));
    const client = clientAt(closed.port);
    const error = await caught(client.send(get));
    client.destroy();
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(classifyDependencyError(error)).toMatchObject({ failure: 'connection', dependency: 'DynamoDB' });
  });
});

describe('the DynamoDB client of a cold start', () => {
  it('keeps its socket alive between requests, and resetClients() closes it and builds the next client from the environment', async () => {
    const first = dynamo();
    await first.send(new GetCommand({ TableName: 't', Key: { PK: 'A' } }));
    await first.send(new GetCommand({ TableName: 't', Key: { PK: 'B' } }));
    expect(db.sent.map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive']);
    expect(db.openSockets()).toBe(1);
    resetClients();
    await new Promise((r) => setTimeout(r, 50));
    expect(db.openSockets()).toBe(0);
    expect(dynamo()).not.toBe(first);
    await dynamo().send(new GetCommand({ TableName: 't', Key: { PK: 'C' } }));
    expect(db.sent).toHaveLength(3);
  });

  it('falls back to AWS_ENDPOINT_URL when no DynamoDB endpoint is set, as the SDK does', async () => {
    const own = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    try {
      delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
      process.env.AWS_ENDPOINT_URL = own;
      resetClients();
      await dynamo().send(new GetCommand({ TableName: 't', Key: { PK: 'A' } }));
      expect(db.sent).toHaveLength(1);
    } finally {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = own;
      delete process.env.AWS_ENDPOINT_URL;
      resetClients();
    }
  });
});
