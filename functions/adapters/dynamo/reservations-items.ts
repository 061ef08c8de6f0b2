import type { Reservation } from '#domain/reservations/reservation';

/** The reservation entity lives in ./entities/reservation.ts; these names stay for the contention benchmark's bare hold. */
export { RELEASED_SEATS_ATTRIBUTE, reservationFromItem, reservationToItem as reservationItem } from './entities/reservation';

/** The reservation's half of every transition: replace it only if it is still in the status and version read. */
export function guardedReservationPut(table: string, item: Record<string, unknown>, current: Pick<Reservation, 'status' | 'version'>) {
  return {
    Put: {
      TableName: table,
      Item: item,
      ConditionExpression: '#status = :from AND version = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':from': current.status, ':version': current.version },
    },
  };
}
