import * as z from 'zod/mini';
import { RESERVATION_STATUSES, toView } from '#domain/reservations/reservation';
import { httpHandler } from '#platform/http';
import { reservationReads } from '#composition/reservation-reads';
import { cursor, limit, reservationParams } from './reservation-schemas';

// The buyer's reads, in their own entry: the hold's bundle (a hot path at its size limit) leaves them out.

/** GET /v1/reservations/{reservationId} — owner or ADMIN. */
export const getReservation = httpHandler({ auth: 'user', params: reservationParams }, async ({ principal, params }) =>
  toView(await reservationReads().getReservation(principal, params.reservationId)),
);

/** GET /v1/reservations?status=&limit=&cursor= — the caller's own, newest first. */
export const listReservations = httpHandler(
  {
    auth: 'user',
    query: z.object({ status: z.optional(z.enum(RESERVATION_STATUSES)), limit, cursor }),
  },
  async ({ principal, query }) => {
    const page = await reservationReads().listReservations(principal, query);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  },
);
