import { abuseBlockedEvent } from '#domain/abuse/events';
import type { AbuseAuditEntry } from '#domain/abuse/audit';
import { DetailType, type DomainEvent } from '#domain/events';
import { intentFacts, statusOfEvent, type IntentStatus } from '#domain/payments/payment-intent';
import type { WebhookEvent } from '#domain/payments/webhook-event';
import { reservationEvents } from '#domain/reservations/events';
import type { Reservation } from '#domain/reservations/reservation';

/** A payment intent as its item records it: enough to announce a capture. */
export interface IntentRecord {
  intentId: string;
  reservationId: string;
  userId: string;
  amount: number;
  currency: string;
  webhookStatus: IntentStatus;
  events: WebhookEvent[];
}

/**
 * One committed write of an item that domain events follow from, as the table's change stream reports it: the item
 * before (absent when the write created it) and after. Deletions announce nothing.
 */
export type TableChange =
  | { kind: 'reservation'; before?: Reservation; after: Reservation; releasedSeatIds: string[] }
  | { kind: 'paymentIntent'; before?: Pick<IntentRecord, 'webhookStatus'>; after: IntentRecord }
  | { kind: 'abuseAudit'; created: boolean; entry: AbuseAuditEntry };

/**
 * What changed → which events. Every reservation write bumps its version and enters (or re-enters, with a new payment
 * intent) a status: that status's event, plus `SeatsReleased` for the seats the same transaction freed. An intent's
 * merchant-side status reaching CAPTURED is `PaymentCaptured`; a new BLOCKED abuse-audit row is `AbuseBlocked`. The
 * stream may deliver a record twice, so consumers of these events are idempotent.
 */
export function eventsOfChange(change: TableChange): DomainEvent[] {
  switch (change.kind) {
    case 'reservation':
      return change.before?.version === change.after.version ? [] : reservationEvents(change.after, change.releasedSeatIds);
    case 'paymentIntent':
      return change.before?.webhookStatus !== 'CAPTURED' && change.after.webhookStatus === 'CAPTURED' ? [paymentCaptured(change.after)] : [];
    case 'abuseAudit': {
      const { entry } = change;
      if (!change.created || entry.result !== 'BLOCKED' || !entry.rule) return [];
      return [abuseBlockedEvent({ ...entry, rule: entry.rule }, entry.retryAfterSeconds ?? 1)];
    }
  }
}

function paymentCaptured(intent: IntentRecord): DomainEvent {
  const capture = intent.events.find((e) => statusOfEvent(e.type) === 'CAPTURED');
  return {
    detailType: DetailType.PaymentCaptured,
    detail: {
      ...(capture ? { eventId: capture.eventId, occurredAt: capture.createdAt } : {}),
      ...intentFacts(intent),
    },
  };
}
