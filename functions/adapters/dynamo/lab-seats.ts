import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { LabSeat, LabSeats, WriteResult } from '#services/lab/ports';
import { isConditionalCheckFailed } from './cancellation-reasons';
import { keys } from './keys';

export const LAB_SHOW_ID = 'contention';

export function dynamoLabSeats(db: () => DynamoClient, table: () => string, showId = LAB_SHOW_ID): LabSeats {
  const guarded = async (write: Promise<unknown>): Promise<WriteResult> => {
    try {
      await write;
      return 'applied';
    } catch (e) {
      if (isConditionalCheckFailed(e)) return e.Item ? 'refused' : 'missing';
      throw e;
    }
  };
  const update = (seatId: string, holder: string, condition: string | undefined, values: Record<string, unknown> = {}, extraSet = '') =>
    db().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.labSeat(showId, seatId),
        ConditionExpression: condition,
        UpdateExpression: `SET #status = :held, holder = :holder${extraSet} ADD version :one`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':held': 'HELD', ':holder': holder, ':one': 1, ...values },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );

  return {
    async read(seatId) {
      const res = await db().send(new GetCommand({ TableName: table(), Key: keys.labSeat(showId, seatId), ConsistentRead: true }));
      if (!res.Item) return undefined;
      return { seatId, status: res.Item.status, holder: res.Item.holder, version: Number(res.Item.version ?? 0) } as LabSeat;
    },
    async writeUnguarded(seatId, holder) {
      await update(seatId, holder, undefined);
    },
    writeIfVersion: (seatId, holder, version) => guarded(update(seatId, holder, 'version = :v', { ':v': version })),
    writeIfAvailable: (seatId, holder) => guarded(update(seatId, holder, '#status = :available', { ':available': 'AVAILABLE' })),
    writeFenced: (seatId, holder, fence) =>
      guarded(update(seatId, holder, 'attribute_exists(PK) AND (attribute_not_exists(fence) OR fence < :fence)', { ':fence': fence }, ', fence = :fence')),
    async reset(seatIds) {
      await deleteShow(db, table, showId, (sk) => sk.startsWith('SEAT#') || sk.startsWith('LOCK#'));
      const items = seatIds.map((seatId) => ({ ...keys.labSeat(showId, seatId), seatId, status: 'AVAILABLE', version: 0 }));
      await batchWrite(db, table, items.map((Item) => ({ PutRequest: { Item } })));
    },
  };
}

/** Deletes the lab show's items whose sort key passes `which`. */
export async function deleteShow(db: () => DynamoClient, table: () => string, showId: string, which: (sk: string) => boolean): Promise<void> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.labShow(showId).PK }, ProjectionExpression: 'PK, SK', ExclusiveStartKey: start }),
    );
    const doomed = (page.Items ?? []).filter((i) => which(String(i.SK)));
    await batchWrite(db, table, doomed.map((i) => ({ DeleteRequest: { Key: { PK: i.PK, SK: i.SK } } })));
    start = page.LastEvaluatedKey;
  } while (start);
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

async function batchWrite(db: () => DynamoClient, table: () => string, requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= 6) throw new Error('DynamoDB kept lab writes unprocessed');
      if (attempt) await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      const res = await db().send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
      pending = (res.UnprocessedItems?.[table()] ?? []) as WriteRequest[];
    }
  }
}
