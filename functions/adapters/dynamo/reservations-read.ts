import { GetCommand, QueryCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import { validationFailed } from '#domain/errors';
import type { ReservationReader } from '#services/reservations/ports';
import { keys } from './keys';
import { RESERVATIONS_OF_USER_INDEX, reservationFromItem } from './entities/reservation';

/** Get by id (strongly consistent) and a user's reservations newest first through GSI1. */
export function dynamoReservationReader(db: () => DynamoClient, table: () => string): ReservationReader {
  return {
    async get(reservationId) {
      const res = await db().send(new GetCommand({ TableName: table(), Key: keys.reservation(reservationId), ConsistentRead: true }));
      return res.Item ? reservationFromItem(res.Item) : undefined;
    },
    async listOfUser(userId, { status, limit, cursor }) {
      const partition = `USER#${userId}`;
      const res = await db().send(
        new QueryCommand({
          TableName: table(),
          IndexName: RESERVATIONS_OF_USER_INDEX,
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :res)',
          ExpressionAttributeValues: { ':pk': partition, ':res': 'RES#', ...(status ? { ':status': status } : {}) },
          ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor ? decodeCursor(cursor, partition) : undefined,
        }),
      );
      return {
        items: (res.Items ?? []).map(reservationFromItem),
        nextCursor: res.LastEvaluatedKey ? Buffer.from(JSON.stringify(res.LastEvaluatedKey)).toString('base64url') : null,
      };
    },
  };
}

/** A cursor is only accepted for the caller's own partition, so it cannot page through another user's list. */
function decodeCursor(cursor: string, partition: string): Record<string, string> {
  const bad = () => validationFailed([{ in: 'query', path: 'cursor', message: 'is not a cursor this list returned' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const k = key as Record<string, unknown>;
  const names = ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
  if (typeof key !== 'object' || key === null || Object.keys(k).length !== names.length || !names.every((n) => typeof k[n] === 'string') || k.GSI1PK !== partition) {
    throw bad();
  }
  return k as Record<string, string>;
}
