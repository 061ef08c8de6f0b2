import type { IntentStatus } from '#domain/payments/payment-intent';
import { invalidTransition } from '#domain/errors';
import type { Reservation } from './reservation';

/**
 * What `POST /reservations/{id}/pay` does, given where the reservation and its current intent are:
 * - a HOLD starts paying with a new intent (HOLD → PAYING);
 * - a PAYING reservation whose intent failed or was cancelled retries with a new intent (it stays PAYING — the
 *   lifecycle has no PAYING → HOLD — until its payment deadline);
 * - a PAYING reservation whose intent is still PENDING (the card network never answered) authorizes that intent again;
 * - anything else (already authorized or captured, settled, expired) is INVALID_TRANSITION.
 */
export type PaymentAttempt = { kind: 'START' } | { kind: 'RETRY_WITH_NEW_INTENT' } | { kind: 'AUTHORIZE_AGAIN'; intentId: string };

export function paymentAttempt(r: Reservation, currentIntent: IntentStatus | undefined, at: Date): PaymentAttempt {
  if (r.status === 'HOLD') {
    if (at.toISOString() >= r.holdExpiresAt) throw invalidTransition(r.status, 'PAYING');
    return { kind: 'START' };
  }
  if (r.status !== 'PAYING' || !r.paymentExpiresAt || at.toISOString() >= r.paymentExpiresAt) throw invalidTransition(r.status, 'PAYING');
  if (r.paymentIntentId && currentIntent === 'PENDING') return { kind: 'AUTHORIZE_AGAIN', intentId: r.paymentIntentId };
  if (!r.paymentIntentId || currentIntent === undefined || currentIntent === 'FAILED' || currentIntent === 'CANCELLED') return { kind: 'RETRY_WITH_NEW_INTENT' };
  throw invalidTransition(r.status, 'PAYING');
}

/** A PAYING reservation that retries with a new intent: same status and deadline, the new intent, version + 1. */
export function withNewIntent(r: Reservation, intentId: string, at: Date): Reservation {
  if (r.status !== 'PAYING' || !r.paymentExpiresAt || at.toISOString() >= r.paymentExpiresAt) throw invalidTransition(r.status, 'PAYING');
  return { ...r, paymentIntentId: intentId, version: r.version + 1 };
}

/**
 * What a captured payment means for its reservation. Money is never kept for an unsold seat: a capture that
 * cannot confirm (the reservation expired, was cancelled, or belongs to another intent) is refunded.
 */
export type CaptureOutcome = 'CONFIRM' | 'ALREADY_CONFIRMED' | 'REFUND' | 'RETRY_LATER';

export function captureOutcome(r: Reservation | undefined, intentId: string): CaptureOutcome {
  if (!r) return 'REFUND';
  const ours = r.paymentIntentId === intentId;
  if (r.status === 'PAYING') return ours ? 'CONFIRM' : 'REFUND';
  if (r.status === 'CONFIRMED' || r.status === 'CANCELLED' || r.status === 'REFUNDED') {
    // Once confirmed by this intent, the money belongs to the sale; a cancellation refunds it through its own path.
    if (ours && r.confirmedAt) return 'ALREADY_CONFIRMED';
    return 'REFUND';
  }
  if (r.status === 'EXPIRED') return 'REFUND';
  // HOLD: the intent was created but the move to PAYING is not visible yet; the webhook's retry will see it.
  return 'RETRY_LATER';
}
