import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiGatewayManagementApiClient, GoneException, LimitExceededException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException as DynamoThrottling,
} from '@aws-sdk/client-dynamodb';
import { ThrottlingException as EventsThrottling, InternalException } from '@aws-sdk/client-eventbridge';
import { ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { SendMessageCommand, RequestThrottled, QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { SFNServiceException as ServiceException } from '@aws-sdk/client-sfn';
import { Redis } from 'ioredis';
import { asClientError, classifyDependencyError, tagDependency } from '#platform/dependency-errors';
import { DomainError, PUBLIC_5XX_MESSAGES } from '#platform/errors';
import { withInvocationDeadline } from '#platform/deadlines';
import { deadlined } from '#platform/clients/deadlined';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { createRedis } from '#platform/redis-client';

// The production deadlines, not the suite's relaxed ones.
process.env.DEADLINE_SCALE = '1';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('the dependency-error classifier: AWS service exceptions (the SDK classes each client raises)', () => {
  it.each([
    ['DynamoDB ProvisionedThroughputExceeded', new ProvisionedThroughputExceededException({ message: 'x', ...meta(400) }), 'throttled'],
    ['DynamoDB ThrottlingException', new DynamoThrottling({ message: 'x', ...meta(400) }), 'throttled'],
    ['DynamoDB RequestLimitExceeded', new RequestLimitExceeded({ message: 'x', ...meta(400) }), 'throttled'],
    ['DynamoDB InternalServerError', new InternalServerError({ message: 'x', ...meta(500) }), 'unavailable'],
    ['SQS RequestThrottled', new RequestThrottled({ message: 'x', ...meta(400) }), 'throttled'],
    ['EventBridge ThrottlingException', new EventsThrottling({ message: 'x', ...meta(400) }), 'throttled'],
    ['EventBridge InternalException', new InternalException({ message: 'x', ...meta(500) }), 'unavailable'],
    ['@connections LimitExceededException (429)', new LimitExceededException({ message: 'x', ...meta(429) }), 'throttled'],
    [
      'Step Functions ThrottlingException (unmodelled: a generic ServiceException)',
      new ServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', ...meta(400) }),
      'throttled',
    ],
    ['any service answering 503', new ServiceException({ name: 'ServiceUnavailable', $fault: 'server', message: 'x', ...meta(503) }), 'unavailable'],
  ])('%s → %s', (_name, error, failure) => {
    expect(classifyDependencyError(error)?.failure).toBe(failure);
  });

  it.each([
    ['a failed DynamoDB condition', new ConditionalCheckFailedException({ message: 'x', ...meta(400) })],
    ['a gone WebSocket connection', new GoneException({ message: 'x', ...meta(410) })],
    ['an SFN execution that already exists', new ExecutionAlreadyExists({ message: 'x', ...meta(400) })],
    ['a missing SQS queue (configuration defect)', new QueueDoesNotExist({ message: 'x', ...meta(400) })],
    ['a plain bug', new TypeError('undefined is not a function')],
  ])('leaves %s alone', (_name, error) => {
    expect(classifyDependencyError(error)).toBeUndefined();
    expect(asClientError(error)).toBe(error);
  });

  it('turns a classified failure into 503 DEPENDENCY_UNAVAILABLE with Retry-After, naming the tagged dependency', () => {
    const e = asClientError(tagDependency(new ProvisionedThroughputExceededException({ message: 'x', ...meta(400) }), 'DynamoDB'));
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryAfterSeconds: 1, details: { dependency: 'DynamoDB' } });
  });

  it('passes application errors through untouched', () => {
    const e = new DomainError('NOT_ADMITTED', 'no');
    expect(asClientError(e)).toBe(e);
  });

  it('the production clients tag their failures with the dependency name', async () => {
    process.env.REDIS_URL ??= 'redis://127.0.0.1:1';
    const { dynamo, sqs, sfn, eventBridge } = await import('#platform/clients');
    // An endpoint nothing listens on: every client fails with a connection error, tagged with its name.
    const closedPort = await freePort();
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${closedPort}`;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'x';
    process.env.AWS_SECRET_ACCESS_KEY = 'x';
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['DynamoDB', () => dynamo().send(new GetCommand({ TableName: 't', Key: { PK: 'a' } }))],
      ['SQS', async () => (await sqs()).client.send(new SendMessageCommand({ QueueUrl: 'http://q/1/q', MessageBody: 'x' }))],
      ['Step Functions', () => sfn().startExecution({ stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:x', name: 'x', input: '{}' })],
      ['EventBridge', () => eventBridge().putEvents([])],
    ];
    for (const [name, call] of calls) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(asClientError(error), name).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', details: { dependency: name } });
    }
  });
});

/** A TCP server that accepts connections and never answers: what a paused (SIGSTOP) dependency looks like. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

async function freePort(): Promise<number> {
  const { server, port } = await silentServer();
  await new Promise((r) => server.close(r));
  return port;
}

describe('the dependency-error classifier: real timeouts and refused connections', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(async () => {
    for (const s of silent.sockets) s.destroy();
    await new Promise((r) => silent.server.close(r));
  });

  const dynamoAt = (port: number) =>
    deadlined('DynamoDB', (settings) => new DynamoDBClient({ ...settings, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));

  it('an SDK request to a dependency that never answers times out within the invocation budget, as "timeout"', async () => {
    const client = dynamoAt(silent.port);
    const started = Date.now();
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 900 }, () =>
      client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } })).then(() => undefined, (e: unknown) => e),
    );
    const elapsed = Date.now() - started;
    client.destroy();
    expect(classifyDependencyError(error)?.failure).toBe('timeout');
    // 900 ms left minus the 300 ms reserve: both attempts share 600 ms.
    expect(elapsed).toBeLessThan(900);
  });

  it('a REST request with plenty of time left gives a paused dependency two 600 ms attempts: 503 within 1.5 s', async () => {
    const client = dynamoAt(silent.port);
    const started = Date.now();
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 29_000 }, () =>
      client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } })).then(() => undefined, (e: unknown) => e),
    );
    const elapsed = Date.now() - started;
    client.destroy();
    expect(asClientError(error)).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryAfterSeconds: 2 });
    expect(elapsed).toBeGreaterThanOrEqual(1100);
    expect(elapsed).toBeLessThan(1500);
  });

  it('an SDK request to a port nobody listens on is a "connection" failure', async () => {
    const client = dynamoAt(await freePort());
    const error = await client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } })).then(() => undefined, (e: unknown) => e);
    client.destroy();
    expect(classifyDependencyError(error)?.failure).toBe('connection');
  });

  it('an @connections post to a paused gateway times out as "timeout"', async () => {
    const client = deadlined('@connections', (settings) =>
      new ApiGatewayManagementApiClient({ ...settings, endpoint: `http://127.0.0.1:${silent.port}/local`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    );
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 800 }, () =>
      client.send(new PostToConnectionCommand({ ConnectionId: 'c', Data: 'x' })).then(() => undefined, (e: unknown) => e),
    );
    client.destroy();
    expect(classifyDependencyError(error)?.failure).toBe('timeout');
  });

  it('an ioredis command to a server that never answers is "Command timed out" → "timeout", within the budget', async () => {
    const client = createRedis(`redis://127.0.0.1:${silent.port}`);
    const started = Date.now();
    const error = await withInvocationDeadline('request', { getRemainingTimeInMillis: () => 700 }, () => client.get('k').then(() => undefined, (e: unknown) => e));
    const elapsed = Date.now() - started;
    client.disconnect();
    expect(error).toMatchObject({ message: 'Command timed out' });
    expect(classifyDependencyError(error)?.failure).toBe('timeout');
    expect(elapsed).toBeLessThan(700);
  });

  it('ioredis with nothing listening fails fast as a "connection" failure, and logs instead of throwing unhandled errors', async () => {
    const port = await freePort();
    const client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    client.on('error', () => undefined);
    const error = await client.get('k').then(() => undefined, (e: unknown) => e);
    client.disconnect();
    expect(classifyDependencyError(error)?.failure).toBe('connection');
  });

  it('ioredis after a healthy connection dropped: commands fail at once (no offline queue) as "connection"', async () => {
    // A fake server that answers the handshake, then closes: what a killed redis-server looks like to the client.
    const fake = createServer((s) =>
      s.on('data', (d) => {
        for (const [, command] of d.toString().matchAll(/\*\d+\r\n\$\d+\r\n(\w+)/g)) s.write(command?.toLowerCase() === 'info' ? '$11\r\nloading:0\r\n\r\n' : '+OK\r\n');
      }),
    );
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const port = (fake.address() as AddressInfo).port;
    const client = createRedis(`redis://127.0.0.1:${port}`);
    await new Promise((r) => client.once('ready', r));
    fake.close();
    client.stream.destroy();
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    const error = await client.get('k').then(() => undefined, (e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(100);
    client.disconnect();
    expect(classifyDependencyError(error)?.failure).toBe('connection');
  });

  it.each([
    ['LOADING Redis is loading the dataset in memory', 'unavailable'],
    ['BUSY Redis is busy running a script', 'unavailable'],
    ['CLUSTERDOWN The cluster is down', 'unavailable'],
  ])('a Redis reply "%s" is %s', (message, failure) => {
    const reply = Object.assign(new Error(message), { name: 'ReplyError' });
    expect(classifyDependencyError(reply)?.failure).toBe(failure);
  });

  it('a Redis script error (a defect) is not a dependency failure', () => {
    const reply = Object.assign(new Error('ERR Error running script'), { name: 'ReplyError' });
    expect(classifyDependencyError(reply)).toBeUndefined();
  });
});

describe('every route maps a dependency failure at the platform boundary', () => {
  it('an httpHandler whose dependency throttles answers 503 DEPENDENCY_UNAVAILABLE with Retry-After, no internals', async () => {
    const { httpHandler } = await import('#platform/http');
    const route = httpHandler({ auth: 'public' }, async () => {
      throw tagDependency(new ProvisionedThroughputExceededException({ message: 'secret table name t-123', ...meta(400) }), 'DynamoDB');
    });
    const res = await route({ headers: {}, requestContext: { requestId: 'r1' } } as never, { getRemainingTimeInMillis: () => 3000 } as never);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    // A 5xx shows only the code and the generic message (the dependency's name stays in the log).
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'DEPENDENCY_UNAVAILABLE', message: PUBLIC_5XX_MESSAGES.DEPENDENCY_UNAVAILABLE }, requestId: 'r1' });
  });

  it('a Redis command timeout in a handler is 503 with Retry-After 2', async () => {
    const { httpHandler } = await import('#platform/http');
    const route = httpHandler({ auth: 'public' }, async () => {
      throw new Error('Command timed out');
    });
    const res = await route({ headers: {}, requestContext: { requestId: 'r2' } } as never, {} as never);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('2');
  });
});
