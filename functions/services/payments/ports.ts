import type { IntentStatus } from '#domain/payments/payment-intent';
import type { WebhookEvent } from '#domain/payments/webhook-event';
import type { PaymentIntent } from '../ports/payment-gateway';

/**
 * The stored intent. `status` is the sandbox's (the payment provider's) truth, changed by API calls;
 * `webhookStatus` is what the merchant side has learned through webhooks, changed only by the receiver;
 * `events` are every webhook event emitted for the intent, kept so the simulate call can re-send them.
 */
export interface StoredIntent extends PaymentIntent {
  webhookStatus: IntentStatus;
  events: WebhookEvent[];
}

export interface IntentChange {
  to: IntentStatus;
  at: string;
  events: WebhookEvent[];
  card?: { last4: string };
  failureReason?: string;
}

export interface PaymentIntentStore {
  create(intent: StoredIntent): Promise<void>;
  get(intentId: string): Promise<StoredIntent | undefined>;
  /** One conditional write: only if the stored status is still `from`. Appends the change's events. */
  transition(intentId: string, from: IntentStatus, change: IntentChange): Promise<StoredIntent | 'conflict'>;
  /** Moves the merchant's view only if it is still `from`, so a concurrent stale event cannot win. */
  advanceWebhookStatus(intentId: string, from: IntentStatus, to: IntentStatus, at: string): Promise<boolean>;
}

/** The reservation fields a payment needs (api.md Reservation). */
export interface ReservationCharge {
  userId: string;
  amount: number;
  currency: string;
  status: string;
}

export interface ReservationLookup {
  find(reservationId: string): Promise<ReservationCharge | undefined>;
}

export type ClaimResult = 'claimed' | 'duplicate' | 'in-progress';

/** Each webhook eventId is processed once: claimed, then completed (or released when processing failed). */
export interface WebhookEventLog {
  claim(eventId: string, now: Date): Promise<ClaimResult>;
  complete(eventId: string, outcome: string): Promise<void>;
  release(eventId: string): Promise<void>;
}

export interface OutboxOptions {
  delaySeconds?: number;
  /** The dispatcher signs this message with a wrong secret (sandbox simulation). */
  badSignature?: boolean;
}

/** Hands webhook events to the delivery queue; the dispatcher signs and posts them. */
export interface WebhookOutbox {
  send(events: readonly WebhookEvent[], options?: OutboxOptions): Promise<void>;
}

export type DeliveryResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

export interface WebhookTransport {
  post(body: string, signature: string): Promise<DeliveryResult>;
}

/** Postpones a failed queue message's next attempt. */
export interface WebhookRetryScheduler {
  retryIn(receiptHandle: string, seconds: number): Promise<void>;
}

/** The SQS message attribute the sandbox's outbox sets on a webhook the dispatcher must sign wrongly (simulation). */
export const BAD_SIGNATURE_ATTRIBUTE = 'badSignature';
