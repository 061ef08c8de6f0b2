import { GetCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { ReservationCharge, ReservationLookup } from '#services/payments/ports';
import { keys } from './keys';
import { CHARGE_PROJECTION, chargeFromItem } from './entities/reservation';

/** Reads only what a payment needs from a reservation item (keys.reservation). */
export function dynamoReservationLookup(db: () => DynamoClient, table: () => string): ReservationLookup {
  return {
    async find(reservationId: string): Promise<ReservationCharge | undefined> {
      const got = await db().send(
        new GetCommand({
          TableName: table(),
          Key: keys.reservation(reservationId),
          ProjectionExpression: CHARGE_PROJECTION,
          ExpressionAttributeNames: { '#status': 'status' },
          ConsistentRead: true,
        }),
      );
      return got.Item && chargeFromItem(got.Item);
    },
  };
}
