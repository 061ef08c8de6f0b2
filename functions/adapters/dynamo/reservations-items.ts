import type { Reservation } from '#domain/reservations/reservation';
import { EVENT_ENTITIES, gsi1, gsi2, keys } from './keys';

/** The reservation item: the domain record plus its keys (get by id, a user's newest first, a concert's). */
export function reservationItem(r: Reservation): Record<string, unknown> {
  return {
    ...keys.reservation(r.reservationId),
    ...gsi1.reservationsOfUser(r.userId, r.heldAt, r.reservationId),
    ...gsi2.reservationsOfConcert(r.concertId, r.reservationId),
    entity: EVENT_ENTITIES.reservation,
    ...r,
  };
}

/**
 * Written by the transaction that frees seats, beside the new status: the seats it gave back, which the change stream
 * announces as `SeatsReleased`. Not part of the domain record: the next write of the reservation drops it.
 */
export const RELEASED_SEATS_ATTRIBUTE = 'releasedSeatIds';

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity', RELEASED_SEATS_ATTRIBUTE];

export function reservationFromItem(item: Record<string, unknown>): Reservation {
  const r = { ...item };
  for (const k of KEY_ATTRIBUTES) delete r[k];
  return r as unknown as Reservation;
}

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
