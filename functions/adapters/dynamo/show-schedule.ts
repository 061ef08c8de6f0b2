import { GetCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { ShowSchedule } from '#services/reservations/ports';
import { keys } from './keys';

/** The show item's `startsAt` (catalog writes it under the concert's partition). */
export function dynamoShowSchedule(db: () => DynamoClient, table: () => string): ShowSchedule {
  return {
    async startsAt(concertId, showId) {
      const res = await db().send(new GetCommand({ TableName: table(), Key: keys.show(concertId, showId), ProjectionExpression: 'startsAt' }));
      return typeof res.Item?.startsAt === 'string' ? res.Item.startsAt : undefined;
    },
  };
}
