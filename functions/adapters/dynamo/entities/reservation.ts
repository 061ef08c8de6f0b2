import * as z from 'zod/mini';
import { RESERVATION_STATUSES, type Reservation } from '#domain/reservations/reservation';
import { EVENT_ENTITIES, gsi1, gsi2, keys } from '../keys';
import { GSI1, GSI2, recordOf, schemaOnce } from './item';

/**
 * The reservation item: the domain record plus its keys. Get by id (`keys.reservation`); a user's reservations newest
 * first (GSI1, `gsi1.reservationsOfUser`); a concert's, over every shard (GSI2, `gsi2.reservationsOfConcert`).
 */
export const RESERVATIONS_OF_USER_INDEX = GSI1;
export const RESERVATIONS_OF_CONCERT_INDEX = GSI2;

/**
 * Written by the transaction that frees seats, beside the new status: the seats it gave back, which the change stream
 * announces as `SeatsReleased`. Not part of the domain record: the next write of the reservation drops it.
 */
export const RELEASED_SEATS_ATTRIBUTE = 'releasedSeatIds';

const STORAGE = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity', RELEASED_SEATS_ATTRIBUTE] as const;

export const reservationRecord = /* @__PURE__ */ schemaOnce(() =>
  z.looseObject({
    reservationId: z.string(),
    userId: z.string(),
    concertId: z.string(),
    showId: z.string(),
    seats: z.array(z.looseObject({ seatId: z.string(), section: z.string(), row: z.number(), number: z.number(), grade: z.string(), price: z.number() })),
    amount: z.number(),
    currency: z.string(),
    status: z.enum(RESERVATION_STATUSES),
    heldAt: z.string(),
    holdExpiresAt: z.string(),
    paymentExpiresAt: z.optional(z.string()),
    paymentIntentId: z.optional(z.string()),
    confirmedAt: z.optional(z.string()),
    expiredAt: z.optional(z.string()),
    cancelledAt: z.optional(z.string()),
    refundedAt: z.optional(z.string()),
    version: z.number(),
  }),
);

export function reservationToItem(r: Reservation): Record<string, unknown> {
  return {
    ...keys.reservation(r.reservationId),
    ...gsi1.reservationsOfUser(r.userId, r.heldAt, r.reservationId),
    ...gsi2.reservationsOfConcert(r.concertId, r.reservationId),
    entity: EVENT_ENTITIES.reservation,
    ...r,
  };
}

export const reservationFromItem = (item: Record<string, unknown>): Reservation => recordOf('reservation', reservationRecord, item, STORAGE);

/** The seats a release gave back (`RELEASED_SEATS_ATTRIBUTE`), as the change stream reads them. */
export function releasedSeatIdsOf(item: Record<string, unknown>): string[] {
  const ids = item[RELEASED_SEATS_ATTRIBUTE];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** What a payment needs from a reservation: read with CHARGE_PROJECTION (`#status` names `status`). */
export const CHARGE_PROJECTION = 'userId, amount, currency, #status';

export function chargeFromItem(item: Record<string, unknown>): { userId: string; amount: number; currency: string; status: string } {
  return { userId: String(item.userId), amount: Number(item.amount), currency: String(item.currency), status: String(item.status) };
}
