import * as z from 'zod/mini';
import { RESERVATION_STATUSES, toView } from '#domain/reservations/reservation';
import { MAX_TICKETS_CEILING } from '#domain/sales-policy';
import { httpHandler } from '#platform/http';
import { holdSeatsUseCase } from '#composition/hold-seats';
import { realIdempotency } from '#composition/idempotency';
import { reservationReads } from '#composition/reservation-reads';
import { holdAttempt } from '#services/abuse/attempts';
import { abuse } from '#composition/abuse';
import { idempotentReply } from './idempotent-reply';
import { cursor, limit, reservationParams } from './reservation-schemas';

const holdBody = z.strictObject({
  showId: z.string().check(z.minLength(1), z.maxLength(64)),
  seatIds: z.array(z.string().check(z.regex(/^[A-Za-z0-9]{1,8}-\d{1,4}-\d{1,4}$/, 'must look like A-3-12'))).check(z.minLength(1), z.maxLength(MAX_TICKETS_CEILING)),
  presaleCode: z.optional(z.string().check(z.maxLength(64))),
});

/** POST /v1/reservations — hold seats; `Idempotency-Key` replays the first 201. */
export const holdSeats = httpHandler({ auth: 'user', body: holdBody }, (req) =>
  abuse().guard(holdAttempt(req), () =>
    idempotentReply(realIdempotency(), req, 'POST /v1/reservations', async () => {
      const reservation = await holdSeatsUseCase()({ principal: req.principal, ...req.body, admissionToken: req.headers['x-admission-token'] });
      return { status: 201, body: toView(reservation) };
    }),
  ),
);

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
