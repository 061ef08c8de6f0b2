import * as z from 'zod/mini';
import { toView } from '#domain/reservations/reservation';
import { httpHandler } from '#platform/http';
import { realIdempotency } from '#composition/idempotency';
import { reservationLifecycle } from '#composition/reservation-lifecycle';
import { refundAudit } from '#composition/refund-audit';
import { cancelAttempt, payAttempt } from '#services/abuse/attempts';
import { abuse } from '#composition/abuse';
import { cursor, limit, reservationParams } from './reservation-schemas';

const payBody = z.strictObject({ paymentMethod: z.literal('CARD'), card: z.optional(z.strictObject({ number: z.string().check(z.minLength(1), z.maxLength(32)) })) });

/** POST /v1/reservations/{reservationId}/pay — HOLD → PAYING, the intent created and (given a card) authorized. */
export const payReservation = httpHandler(
  { auth: 'user', params: reservationParams, body: payBody, idempotent: realIdempotency, guard: (req, next) => abuse().guard(payAttempt(req, req.params.reservationId), next) },
  async (req) => {
    const { reservation, paymentIntent } = await reservationLifecycle().pay({ principal: req.principal, reservationId: req.params.reservationId, card: req.body.card });
    return { reservation: toView(reservation), paymentIntent };
  },
);

/** POST /v1/reservations/{reservationId}/cancel — HOLD → CANCELLED, or CONFIRMED → CANCELLED → REFUNDED. */
export const cancelReservation = httpHandler(
  { auth: 'user', params: reservationParams, idempotent: realIdempotency, guard: (req, next) => abuse().guard(cancelAttempt(req, req.params.reservationId), next) },
  async (req) => toView(await reservationLifecycle().cancel(req.principal, req.params.reservationId)),
);

/** POST /v1/reservations/{reservationId}/refund — a paid CANCELLED reservation → REFUNDED. */
export const refundReservation = httpHandler({ auth: 'user', params: reservationParams, idempotent: realIdempotency }, async (req) =>
  toView(await reservationLifecycle().refund(req.principal, req.params.reservationId)),
);

/** GET /v1/admin/audit/refunds — ADMIN: refunds admins made inside the cutoff window, newest first. */
export const listRefundAudit = httpHandler(
  { auth: 'admin', query: z.object({ limit, cursor }) },
  ({ query }) => refundAudit().list(query),
);
