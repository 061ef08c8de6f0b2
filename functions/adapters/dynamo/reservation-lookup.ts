import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#platform/clients/dynamo';
import type { ReservationCharge, ReservationLookup } from '#services/payments/ports';
import { keys } from './keys';

/** Reads only what a payment needs from a reservation item (keys.reservation). */
export class DynamoReservationLookup implements ReservationLookup {
  async find(reservationId: string): Promise<ReservationCharge | undefined> {
    const got = await dynamo().send(
      new GetCommand({
        TableName: tableName(),
        Key: keys.reservation(reservationId),
        ProjectionExpression: 'userId, amount, currency, #status',
        ExpressionAttributeNames: { '#status': 'status' },
        ConsistentRead: true,
      }),
    );
    return got.Item as ReservationCharge | undefined;
  }
}
