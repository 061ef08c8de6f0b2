import { DeleteCommand, PutCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { SeatLock } from '#services/lab/ports';
import { isConditionalCheckFailed } from './cancellation-reasons';
import { keys } from './keys';
import { LAB_SHOW_ID } from './lab-seats';

/** A lease lock item per lab seat: taken when absent or lapsed, released only by its owner. */
export function dynamoLeaseLock(db: () => DynamoClient, table: () => string, showId = LAB_SHOW_ID): SeatLock {
  return {
    async tryAcquire(seatId, owner, ttlMs) {
      const now = Date.now();
      try {
        await db().send(
          new PutCommand({
            TableName: table(),
            Item: { ...keys.labLock(showId, seatId), owner, leaseUntil: now + ttlMs },
            ConditionExpression: 'attribute_not_exists(PK) OR leaseUntil < :now',
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return 0;
      } catch (e) {
        if (isConditionalCheckFailed(e)) return undefined;
        throw e;
      }
    },
    async release(seatId, owner) {
      await db()
        .send(new DeleteCommand({ TableName: table(), Key: keys.labLock(showId, seatId), ConditionExpression: '#owner = :owner', ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner } }))
        .catch((e) => {
          if (!isConditionalCheckFailed(e)) throw e;
        });
    },
  };
}
