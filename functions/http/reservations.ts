import * as z from 'zod';
import { RESERVATION_STATUSES, toView } from '#domain/reservations/reservation';
import { MAX_TICKETS_CEILING } from '#domain/sales-policy';
import { httpHandler } from '#platform/http';
import { holdSeatsUseCase } from '#composition/hold-seats';
import { realIdempotency } from '#composition/idempotency';
import { reservationLifecycle } from '#composition/reservation-lifecycle';
import { reservationReads } from '#composition/reservation-reads';
import { idempotentReply } from './idempotent-reply';

const holdBody = z
  .object({
    showId: z.string().min(1).max(64),
    seatIds: z.array(z.string().regex(/^[A-Za-z0-9]{1,8}-\d{1,4}-\d{1,4}$/, 'must look like A-3-12')).min(1).max(MAX_TICKETS_CEILING),
    presaleCode: z.string().max(64).optional(),
  })
  .strict();
const reservationParams = z.object({ reservationId: z.string().min(1).max(64) });
const payBody = z.object({ paymentMethod: z.literal('CARD'), card: z.object({ number: z.string().min(1).max(32) }).strict().optional() }).strict();

/** POST /v1/reservations — hold seats; `Idempotency-Key` replays the first 201. */
export const holdSeats = httpHandler({ auth: 'user', body: holdBody }, (req) =>
  idempotentReply(realIdempotency(), req, 'POST /v1/reservations', async () => {
    const reservation = await holdSeatsUseCase()({ principal: req.principal, ...req.body, admissionToken: req.headers['x-admission-token'] });
    return { status: 201, body: toView(reservation) };
  }),
);

/** GET /v1/reservations/{reservationId} — owner or ADMIN. */
export const getReservation = httpHandler({ auth: 'user', params: reservationParams }, async ({ principal, params }) =>
  toView(await reservationReads().getReservation(principal, params.reservationId)),
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
    const page = await reservationReads().listReservations(principal, query);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  },
);

/** POST /v1/reservations/{reservationId}/pay — HOLD → PAYING, the intent created and (given a card) authorized. */
export const payReservation = httpHandler({ auth: 'user', params: reservationParams, body: payBody }, (req) =>
  idempotentReply(realIdempotency(), req, `POST /v1/reservations/${req.params.reservationId}/pay`, async () => {
    const { reservation, paymentIntent } = await reservationLifecycle().pay({ principal: req.principal, reservationId: req.params.reservationId, card: req.body.card });
    return { status: 200, body: { reservation: toView(reservation), paymentIntent } };
  }),
);

/** POST /v1/reservations/{reservationId}/cancel — HOLD → CANCELLED, or CONFIRMED → CANCELLED → REFUNDED. */
export const cancelReservation = httpHandler({ auth: 'user', params: reservationParams }, (req) =>
  idempotentReply(realIdempotency(), req, `POST /v1/reservations/${req.params.reservationId}/cancel`, async () => ({
    status: 200,
    body: toView(await reservationLifecycle().cancel(req.principal, req.params.reservationId)),
  })),
);

/** POST /v1/reservations/{reservationId}/refund — a paid CANCELLED reservation → REFUNDED. */
export const refundReservation = httpHandler({ auth: 'user', params: reservationParams }, (req) =>
  idempotentReply(realIdempotency(), req, `POST /v1/reservations/${req.params.reservationId}/refund`, async () => ({
    status: 200,
    body: toView(await reservationLifecycle().refund(req.principal, req.params.reservationId)),
  })),
);

/** GET /v1/admin/audit/refunds — ADMIN: refunds admins made inside the cutoff window, newest first. */
export const listRefundAudit = httpHandler(
  { auth: 'admin', query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().min(1).max(2048).optional() }) },
  ({ query }) => reservationReads().listRefundAudit(query),
);
