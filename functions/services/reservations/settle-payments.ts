import { captureOutcome } from '#domain/reservations/payment-attempt';
import type { Reservation } from '#domain/reservations/reservation';
import { DomainError } from '#domain/errors';
import { logger } from '#platform/logger';
import type { PaymentEventsListener, PaymentIntentEvent } from '#services/ports/payment-events-listener';
import type { PaymentGateway } from '#services/ports/payment-gateway';
import type { ExpireResult } from './expire-reservation';
import type { ReservationReader } from './ports';
import { refundIntent, type CompleteRefund } from './refund-payment';

export interface SettlePaymentsDeps {
  reservations: ReservationReader;
  change: (reservationId: string, to: 'CONFIRMED') => Promise<Reservation>;
  expire: (reservationId: string, phase: 'PAYING') => Promise<ExpireResult>;
  completeRefund: CompleteRefund;
  gateway: PaymentGateway;
}

const MAX_ATTEMPTS = 3;

/**
 * The reservation side of the payment webhooks (bound in the payments composition root). Every method is
 * idempotent: the receiver may call again after a failure, and throwing makes the webhook retry.
 */
export function settlePayments(deps: SettlePaymentsDeps): PaymentEventsListener {
  async function onCaptured(e: PaymentIntentEvent): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const r = await deps.reservations.get(e.reservationId);
      const outcome = captureOutcome(r, e.intentId);
      if (outcome === 'ALREADY_CONFIRMED') return;
      if (outcome === 'REFUND') {
        logger.warn('capture for a reservation that cannot be sold; refunding', { reservationId: e.reservationId, intentId: e.intentId, status: r?.status });
        await refundIntent(deps.gateway, e.intentId);
        return;
      }
      if (outcome === 'RETRY_LATER') break;
      try {
        await deps.change(e.reservationId, 'CONFIRMED');
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // The seats went to another buyer after the payment deadline: expire it, and the next round refunds.
        if (error.code === 'SEAT_UNAVAILABLE') await deps.expire(e.reservationId, 'PAYING');
        else if (error.code !== 'INVALID_TRANSITION') throw error;
      }
    }
    throw new DomainError('CONFLICT', `Reservation ${e.reservationId} is not ready to settle intent ${e.intentId}; retry later`, { reservationId: e.reservationId }, 1);
  }

  /** A refund started by cancel may have failed after the gateway refunded; the webhook finishes the move. */
  async function onRefunded(e: PaymentIntentEvent): Promise<void> {
    const r = await deps.reservations.get(e.reservationId);
    if (r?.status === 'CANCELLED' && r.paymentIntentId === e.intentId && r.confirmedAt) await deps.completeRefund(r);
  }

  const note = (what: string) => async (e: PaymentIntentEvent) => logger.info(`payment ${what}`, { reservationId: e.reservationId, intentId: e.intentId });
  return {
    onAuthorized: note('authorized'),
    onCaptured,
    // The reservation stays PAYING: the buyer may pay again with a new intent until the payment deadline.
    onFailed: note('failed; the reservation stays payable until its deadline'),
    onCancelled: note('cancelled'),
    onRefunded,
  };
}
