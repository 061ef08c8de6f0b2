import { z } from 'zod';
import { RESERVATION_STATUSES, toView } from '#domain/reservations/reservation';
import { MAX_TICKETS_CEILING } from '#domain/sales-policy';
import { httpHandler, Reply } from '#platform/http';
import { services } from '#services/reservations/compose';

const holdBody = z
  .object({
    showId: z.string().min(1).max(64),
    seatIds: z.array(z.string().regex(/^[A-Za-z0-9]{1,8}-\d{1,4}-\d{1,4}$/, 'must look like A-3-12')).min(1).max(MAX_TICKETS_CEILING),
    presaleCode: z.string().max(64).optional(),
  })
  .strict();

/** POST /v1/reservations — hold seats; `Idempotency-Key` replays the first 201. */
export const holdSeats = httpHandler({ auth: 'user', body: holdBody }, async ({ body, principal, headers }) => {
  const result = await services.idempotency(
    { scope: `${principal.userId}:POST /v1/reservations`, key: headers['idempotency-key'], body },
    async () => {
      const reservation = await services.holdSeats({ principal, ...body, admissionToken: headers['x-admission-token'] });
      return { status: 201, body: toView(reservation) };
    },
  );
  return new Reply(result.status, result.body, result.replayed ? { 'idempotent-replayed': 'true' } : {});
});

/** GET /v1/reservations/{reservationId} — owner or ADMIN. */
export const getReservation = httpHandler(
  { auth: 'user', params: z.object({ reservationId: z.string().min(1).max(64) }) },
  async ({ principal, params }) => toView(await services.getReservation(principal, params.reservationId)),
);

/** GET /v1/reservations?status=&limit=&cursor= — the caller's own, newest first. */
export const listReservations = httpHandler(
  {
    auth: 'user',
    query: z.object({
      status: z.enum(RESERVATION_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.string().min(1).max(2048).optional(),
    }),
  },
  async ({ principal, query }) => {
    const page = await services.listReservations(principal, query);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  },
);
