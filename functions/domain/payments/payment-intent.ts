/**
 * The sandbox payment intent lifecycle: PENDING → AUTHORIZED → CAPTURED | CANCELLED, CAPTURED → REFUNDED, and
 * PENDING → FAILED on a decline. Webhook events arrive duplicated, late and out of order, so they are applied
 * monotonically: an event only ever moves an intent forward along this order, never back.
 */
export const INTENT_STATUSES = ['PENDING', 'AUTHORIZED', 'CAPTURED', 'REFUNDED', 'CANCELLED', 'FAILED'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

export const WEBHOOK_EVENT_TYPES = [
  'payment_intent.authorized',
  'payment_intent.captured',
  'payment_intent.failed',
  'payment_intent.cancelled',
  'payment_intent.refunded',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const ALLOWED: Record<IntentStatus, readonly IntentStatus[]> = {
  PENDING: ['AUTHORIZED', 'FAILED', 'CANCELLED'],
  AUTHORIZED: ['CAPTURED', 'CANCELLED'],
  CAPTURED: ['REFUNDED'],
  REFUNDED: [],
  CANCELLED: [],
  FAILED: [],
};

export const canMove = (from: IntentStatus, to: IntentStatus): boolean => ALLOWED[from].includes(to);

export const isTerminal = (s: IntentStatus): boolean => ALLOWED[s].length === 0;

export const statusOfEvent = (type: WebhookEventType): IntentStatus =>
  ({
    'payment_intent.authorized': 'AUTHORIZED',
    'payment_intent.captured': 'CAPTURED',
    'payment_intent.failed': 'FAILED',
    'payment_intent.cancelled': 'CANCELLED',
    'payment_intent.refunded': 'REFUNDED',
  })[type] as IntentStatus;

/** How far along the lifecycle a status is; events never lower it. */
const PROGRESS: Record<IntentStatus, number> = { PENDING: 0, AUTHORIZED: 1, FAILED: 2, CANCELLED: 2, CAPTURED: 2, REFUNDED: 3 };

/**
 * What a webhook event does to an intent the receiver has seen in `current`:
 * `advance` to the event's status, or `ignore` it as stale, duplicate or impossible.
 * A captured event seen while still PENDING (the authorized event is late) advances straight to CAPTURED.
 */
export function applyWebhookEvent(current: IntentStatus, type: WebhookEventType): { action: 'advance'; to: IntentStatus } | { action: 'ignore'; reason: 'stale' | 'duplicate' | 'conflict' } {
  const to = statusOfEvent(type);
  if (to === current) return { action: 'ignore', reason: 'duplicate' };
  if (PROGRESS[to] < PROGRESS[current] || isTerminal(current)) return { action: 'ignore', reason: 'stale' };
  if (canMove(current, to) || (current === 'PENDING' && to === 'CAPTURED')) return { action: 'advance', to };
  return { action: 'ignore', reason: 'conflict' };
}

/** What the reservation side and the bus are told of an intent: who pays what, and the status it reached. */
export function intentFacts(intent: { intentId: string; reservationId: string; userId: string; webhookStatus: IntentStatus; amount: number; currency: string }) {
  return {
    intentId: intent.intentId,
    reservationId: intent.reservationId,
    userId: intent.userId,
    status: intent.webhookStatus,
    amount: intent.amount,
    currency: intent.currency,
  };
}
