import { describe, expect, it } from 'vitest';
import { isDomainError } from '#platform/errors';
import { batchWrite, putRequest } from '#adapters/dynamo/catalog/batch-write';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { ok, useDynamoStandIn, type SentRequest } from '../../helpers/dynamo-stand-in';

const db = useDynamoStandIn();
const TABLE = 'unit-table';

const items = (n: number) => Array.from({ length: n }, (_, i) => putRequest({ PK: `SHOW#s`, SK: `SEAT#A-1-${i + 1}` }));
const sentItems = (r: SentRequest): Array<{ PutRequest: { Item: { SK: { S: string } } } }> => r.body.RequestItems[TABLE];
const seatsOf = (r: SentRequest) => sentItems(r).map((w) => w.PutRequest.Item.SK.S);

describe('batched seat writes', () => {
  it('splits writes into batches of 25 and resends exactly the unprocessed items until none are left', async () => {
    // A full batch's first answer leaves its last two items unprocessed, as DynamoDB returns them; resends succeed.
    const leaveLastTwoOfFull = (r: SentRequest) => ok(sentItems(r).length === 25 ? { UnprocessedItems: { [TABLE]: sentItems(r).slice(-2) } } : {});
    db.on('BatchWriteItem', ...Array.from({ length: 8 }, () => leaveLastTwoOfFull));
    await batchWrite(dynamo, tableName, items(100));
    const batches = db.sent.map(seatsOf);
    const full = batches.filter((b) => b.length === 25);
    const resent = batches.filter((b) => b.length !== 25);
    expect(full).toHaveLength(4);
    expect(new Set(full.flat()).size).toBe(100);
    expect(resent.map((b) => b.length)).toEqual([2, 2, 2, 2]);
    expect(resent.flat().sort()).toEqual(full.flatMap((b) => b.slice(-2)).sort());
  });

  it('gives up with a 503 after a bounded number of attempts when items stay unprocessed', async () => {
    const leaveAll = (r: SentRequest) => ok({ UnprocessedItems: r.body.RequestItems });
    db.on('BatchWriteItem', ...Array.from({ length: 20 }, () => leaveAll));
    const error = await batchWrite(dynamo, tableName, items(3)).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(db.sent).toHaveLength(8);
  }, 20_000);
});
