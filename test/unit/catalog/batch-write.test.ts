import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isDomainError } from '#platform/errors';
import { resetConfigCache } from '#platform/config';
import { batchWrite, putRequest } from '#adapters/dynamo/catalog/batch-write';
import { dynamo, tableName } from '#platform/clients/dynamo';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'unit-table';

beforeEach(() => {
  process.env.TABLE_NAME = TABLE;
  resetConfigCache();
  ddb.reset();
});
afterEach(() => ddb.reset());

const items = (n: number) => Array.from({ length: n }, (_, i) => putRequest({ PK: `SHOW#s`, SK: `SEAT#A-1-${i + 1}` }));

describe('batched seat writes', () => {
  it('splits writes into batches of 25 and resends unprocessed items until none are left', async () => {
    let calls = 0;
    ddb.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => {
      calls++;
      const sent = input.RequestItems[TABLE] ?? [];
      // The first answer for each batch leaves its last two items unprocessed.
      return calls <= 4 ? { UnprocessedItems: { [TABLE]: sent.slice(-2) } } : {};
    });
    await batchWrite(dynamo, tableName, items(100));
    const batches = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]?.length);
    expect(batches.slice(0, 4)).toEqual([25, 25, 25, 25]);
    expect(batches.slice(4)).toEqual([2, 2, 2, 2]);
  });

  it('gives up with a 503 after a bounded number of attempts when items stay unprocessed', async () => {
    ddb.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => ({ UnprocessedItems: input.RequestItems }));
    const error = await batchWrite(dynamo, tableName, items(3)).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(8);
  }, 20_000);
});
