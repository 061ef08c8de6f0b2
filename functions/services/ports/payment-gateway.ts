import type { CaptureMethod } from '#domain/payments/authorization';
import type { IntentStatus } from '#domain/payments/payment-intent';

/** A payment intent as clients and the reservation side see it. The card is never kept beyond its last four digits. */
export interface PaymentIntent {
  intentId: string;
  reservationId: string;
  userId: string;
  amount: number;
  currency: string;
  status: IntentStatus;
  captureMethod: CaptureMethod;
  card?: { last4: string };
  failureReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateIntentInput {
  reservationId: string;
  userId: string;
  amount: number;
  currency: string;
  /** @default 'automatic' through the gateway: an approved card is captured at once and the captured webhook confirms the reservation. */
  captureMethod?: CaptureMethod;
}

/**
 * What the reservation side calls to take money. Every call that changes an intent emits a signed webhook;
 * the reservation learns the outcome from `PaymentEventsListener`, never from these return values alone.
 * Illegal moves throw DomainError INVALID_TRANSITION (409); an unknown intent throws NOT_FOUND (404).
 */
export interface PaymentGateway {
  createIntent(input: CreateIntentInput): Promise<PaymentIntent>;
  /** Decline → FAILED; the timeout card leaves it PENDING (retry allowed); approve → AUTHORIZED, or CAPTURED when automatic. */
  authorize(intentId: string, card: { number: string }): Promise<PaymentIntent>;
  capture(intentId: string): Promise<PaymentIntent>;
  cancel(intentId: string): Promise<PaymentIntent>;
  refund(intentId: string): Promise<PaymentIntent>;
  get(intentId: string): Promise<PaymentIntent | undefined>;
}
