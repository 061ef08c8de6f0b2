import type { IntentStatus } from '#domain/payments/payment-intent';

/** A webhook event after the receiver verified it, recorded its id and applied it to the intent. */
export interface PaymentIntentEvent {
  eventId: string;
  intentId: string;
  reservationId: string;
  userId: string;
  status: IntentStatus;
  amount: number;
  currency: string;
  /** When the sandbox made the change (the event's createdAt). */
  occurredAt: string;
}

/**
 * Implemented by the reservation side: `onCaptured` confirms the reservation (PAYING → CONFIRMED), or refunds the
 * payment if the reservation expired meanwhile. Each method is called once per state change in the normal case,
 * and again only if an earlier attempt threw (delivery is at least once), so implementations must be idempotent
 * (a conditional write that accepts "already done"). Throwing makes the webhook fail and be retried.
 * Never called for stale, duplicate or out-of-order events.
 */
export interface PaymentEventsListener {
  onAuthorized(event: PaymentIntentEvent): Promise<void>;
  onCaptured(event: PaymentIntentEvent): Promise<void>;
  onFailed(event: PaymentIntentEvent): Promise<void>;
  onCancelled(event: PaymentIntentEvent): Promise<void>;
  onRefunded(event: PaymentIntentEvent): Promise<void>;
}
