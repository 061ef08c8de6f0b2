import * as z from 'zod/mini';
import { abuseBlockedDetail } from './abuse/events';
import type { DetailType } from './events';
import { INTENT_STATUSES } from './payments/payment-intent';
import { RESERVATION_STATUSES } from './reservations/reservation';

/**
 * The detail schema of every EventBridge `DetailType`: producers check what they build against these types
 * (`satisfies EventDetail<…>`), consumers parse through the worker wrapper (#platform/worker), so an event that
 * drifts from its contract fails at the consumer's door instead of deep in its logic. Kept apart from ./events
 * (the names) so a producer's bundle, which needs only the types, carries none of the schemas.
 */
const id = () => z.string().check(z.minLength(1));
const reservationChanged = z.object({
  reservationId: id(),
  userId: id(),
  concertId: id(),
  showId: id(),
  status: z.enum(RESERVATION_STATUSES),
  seatIds: z.array(id()),
});

export const eventSchemas = {
  ReservationHeld: z.extend(reservationChanged, { holdExpiresAt: z.string() }),
  ReservationPaying: z.extend(reservationChanged, { paymentExpiresAt: z.string() }),
  ReservationConfirmed: reservationChanged,
  ReservationExpired: reservationChanged,
  ReservationCancelled: reservationChanged,
  ReservationRefunded: reservationChanged,
  /** The seats a reservation gave back; `reason` is the status that freed them. */
  SeatsReleased: z.extend(reservationChanged, { reason: z.enum(RESERVATION_STATUSES) }),
  PaymentCaptured: z.object({
    eventId: id(),
    intentId: id(),
    reservationId: id(),
    userId: id(),
    status: z.enum(INTENT_STATUSES),
    amount: z.number(),
    currency: z.string(),
    occurredAt: z.string(),
  }),
  AbuseBlocked: abuseBlockedDetail,
} satisfies Record<DetailType, z.ZodMiniType>;

export type EventDetail<T extends DetailType> = z.infer<(typeof eventSchemas)[T]>;

/** An event as a consumer receives it: the detail type and its parsed detail, discriminated by the type. */
export type ParsedEvent<T extends DetailType> = { [K in T]: { detailType: K; detail: EventDetail<K> } }[T];
