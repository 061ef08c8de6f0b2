import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand } from '#platform/clients/dynamo-commands';
import { dynamo, redis, tableName } from '#platform/clients';
import { ulids } from '#platform/ids';
import type { ChangeStreamDefinition } from '../../lib/capabilities/types';
import { changeStreamReader, pollChangeStream, type ChangeStreamPoller } from '../../local/events/change-stream';
import { recordKey } from '../fixtures/recorders';
import { eventually, fixture } from '../helpers/local-cloud';

/**
 * The local cloud's DynamoDB event source against DynamoDB Local's real streams API: the reader placed at the
 * stream's end, the filter the CDK event source declares, Lambda's record shape and partial-batch retries. Other
 * files write to the same table meanwhile; each test looks only at its own keys.
 */
const definition: ChangeStreamDefinition = {
  consumer: fixture('recorders', 'onStreamRecords'),
  needs: [],
  entities: ['RESERVATION'],
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  retryAttempts: 3,
};
let poller: ChangeStreamPoller;
beforeAll(async () => {
  const reader = changeStreamReader(process.env.AWS_ENDPOINT_URL_DYNAMODB as string, tableName());
  await reader.read();
  poller = pollChangeStream(reader, definition);
});
afterAll(() => poller.stop());

type Seen = { pk: string; eventName: string; source: string; arn: string; before?: string; after?: string; failed?: boolean };
const seen = async (prefix: string) =>
  (await redis().lrange(recordKey('stream'), 0, -1)).map((r) => JSON.parse(r) as Seen).filter((r) => r.pk.startsWith(prefix));
const put = (item: Record<string, unknown>) => dynamo().send(new PutCommand({ TableName: tableName(), Item: { SK: 'STREAMTEST', ...item } }));
const settle = () => new Promise((r) => setTimeout(r, 1_000));

describe('reading DynamoDB Local’s change stream', () => {
  it('hands the consumer inserts and updates of the listed entities with both images, in order; never other items or deletions', async () => {
    const prefix = `STREAMTEST#${ulids.next()}`;
    await put({ PK: `${prefix}#1`, entity: 'RESERVATION', status: 'HOLD' });
    await put({ PK: `${prefix}#1`, entity: 'RESERVATION', status: 'EXPIRED' });
    await put({ PK: `${prefix}#2`, entity: 'SEAT', status: 'HELD' });
    await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { PK: `${prefix}#1`, SK: 'STREAMTEST' } }));
    await eventually(() => seen(prefix), (s) => s.length >= 2);
    await settle();
    const records = await seen(prefix);
    expect(records.map((r) => [r.pk.slice(prefix.length), r.eventName, r.before, r.after])).toEqual([
      ['#1', 'INSERT', undefined, 'HOLD'],
      ['#1', 'MODIFY', 'HOLD', 'EXPIRED'],
    ]);
    expect(records[0]).toMatchObject({ source: 'aws:dynamodb', arn: expect.stringMatching(/^arn:aws:dynamodb:.+\/stream\//) });
  });

  it('retries from the first record the consumer reports failed, without redelivering the ones before it', async () => {
    const prefix = `STREAMTEST#${ulids.next()}`;
    await put({ PK: `${prefix}#a`, entity: 'RESERVATION', status: 'HOLD' });
    await put({ PK: `${prefix}#b`, entity: 'RESERVATION', status: 'HOLD', failOnce: true });
    await put({ PK: `${prefix}#c`, entity: 'RESERVATION', status: 'HOLD' });
    await eventually(() => seen(prefix), (s) => s.length >= 4);
    await settle();
    expect((await seen(prefix)).map((r) => `${r.pk.slice(prefix.length)}${r.failed ? ' failed' : ''}`)).toEqual(['#a', '#b failed', '#b', '#c']);
  });
});
