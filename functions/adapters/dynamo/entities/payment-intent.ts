import * as z from 'zod/mini';
import { CAPTURE_METHODS } from '#domain/payments/authorization';
import { INTENT_STATUSES, WEBHOOK_EVENT_TYPES } from '#domain/payments/payment-intent';
import type { StoredIntent } from '#services/payments/ports';
import { EVENT_ENTITIES, gsi1, keys } from '../keys';
import { GSI1, recordOf, schemaOnce } from './item';

/** The payment intent item: get by id (`keys.paymentIntent`); the intents of a reservation (GSI1, `gsi1.intentsOfReservation`). */
export const INTENTS_OF_RESERVATION_INDEX = GSI1;

const STORAGE = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity'] as const;

/** `webhookUpdatedAt` is set beside `webhookStatus` by the receiver; it is not part of the StoredIntent contract. */
export const paymentIntentRecord = /* @__PURE__ */ schemaOnce(() => {
  const intentStatus = z.enum(INTENT_STATUSES);
  const webhookEvent = z.looseObject({
    eventId: z.string(),
    type: z.enum(WEBHOOK_EVENT_TYPES),
    createdAt: z.string(),
    data: z.looseObject({ intentId: z.string(), reservationId: z.string(), status: intentStatus, amount: z.number(), currency: z.string() }),
  });
  return z.looseObject({
    intentId: z.string(),
    reservationId: z.string(),
    userId: z.string(),
    amount: z.number(),
    currency: z.string(),
    status: intentStatus,
    captureMethod: z.enum(CAPTURE_METHODS),
    card: z.optional(z.looseObject({ last4: z.string() })),
    failureReason: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    webhookStatus: intentStatus,
    events: z.array(webhookEvent),
  });
});

export function paymentIntentToItem(intent: StoredIntent): Record<string, unknown> {
  return { ...keys.paymentIntent(intent.intentId), ...gsi1.intentsOfReservation(intent.reservationId, intent.intentId), entity: EVENT_ENTITIES.paymentIntent, ...intent };
}

export const paymentIntentFromItem = (item: Record<string, unknown>): StoredIntent => recordOf('payment intent', paymentIntentRecord, item, STORAGE);
