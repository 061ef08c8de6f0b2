import type { CardOutcome } from './test-cards';
import type { IntentStatus, WebhookEventType } from './payment-intent';

/**
 * `automatic` captures as soon as an authorization is approved (the reservation flow: a captured payment confirms
 * its reservation through the webhook); `manual` waits for an explicit capture call, as the REST API allows.
 */
export const CAPTURE_METHODS = ['automatic', 'manual'] as const;
export type CaptureMethod = (typeof CAPTURE_METHODS)[number];

export type AuthorizationResult =
  /** The card network never answered: the intent stays PENDING, no webhook is sent, authorizing again is allowed. */
  | { kind: 'no-answer' }
  | { kind: 'settled'; to: IntentStatus; events: WebhookEventType[]; lateWebhook: boolean; failureReason?: 'card_declined' };

/** What authorizing a PENDING intent with a card does, given the test card's outcome. */
export function authorizationResult(outcome: CardOutcome, captureMethod: CaptureMethod): AuthorizationResult {
  if (outcome === 'timeout') return { kind: 'no-answer' };
  if (outcome === 'decline') return { kind: 'settled', to: 'FAILED', events: ['payment_intent.failed'], lateWebhook: false, failureReason: 'card_declined' };
  const lateWebhook = outcome === 'approve-late-webhook';
  return captureMethod === 'automatic'
    ? { kind: 'settled', to: 'CAPTURED', events: ['payment_intent.authorized', 'payment_intent.captured'], lateWebhook }
    : { kind: 'settled', to: 'AUTHORIZED', events: ['payment_intent.authorized'], lateWebhook };
}
