import type { Principal } from '#domain/identity';
import { luhnValid } from '#domain/payments/test-cards';
import { paymentAttempt } from '#domain/reservations/payment-attempt';
import type { Reservation } from '#domain/reservations/reservation';
import { DEFAULT_SALES_POLICY } from '#domain/sales-policy';
import { addSeconds, type Clock } from '#platform/clock';
import { notFound, validationFailed } from '#domain/errors';
import { logger } from '#platform/logger';
import type { PaymentGateway, PaymentIntent } from '#services/ports/payment-gateway';
import type { TransitionInput } from '#domain/reservations/state-machine';
import type { ReservationReader, SalesPolicyStore } from './ports';

export interface PayReservationDeps {
  reservations: ReservationReader;
  policies: Pick<SalesPolicyStore, 'get'>;
  gateway: PaymentGateway;
  change: (reservationId: string, to: 'PAYING', input: Omit<TransitionInput, 'at'>) => Promise<Reservation>;
  attachIntent: (reservationId: string, intentId: string) => Promise<Reservation>;
  clock: Clock;
}

export interface PayCommand {
  principal: Pick<Principal, 'userId'>;
  reservationId: string;
  card?: { number: string };
}

/**
 * `POST /reservations/{id}/pay`: HOLD → PAYING with a new intent (automatic capture) and, given a card, its
 * authorization. The outcome reaches the reservation only through the webhook (a capture confirms it); this call
 * reports where the intent stands. A declined intent leaves the reservation PAYING, payable again with a new intent
 * until `paymentExpiresAt`; a card that never answers leaves the intent PENDING, and paying again re-authorizes it.
 */
export function payReservation(deps: PayReservationDeps) {
  return async function pay(cmd: PayCommand): Promise<{ reservation: Reservation; paymentIntent: PaymentIntent }> {
    if (cmd.card && !luhnValid(cmd.card.number)) {
      throw validationFailed([{ in: 'body', path: 'card.number', message: 'Card number must be 12–19 digits and pass the Luhn check' }]);
    }
    const r = await deps.reservations.get(cmd.reservationId);
    if (!r || r.userId !== cmd.principal.userId) throw notFound('Reservation', cmd.reservationId);
    const current = r.paymentIntentId ? await deps.gateway.get(r.paymentIntentId) : undefined;
    const attempt = paymentAttempt(r, current?.status, deps.clock.now());

    let reservation = r;
    let intent = current;
    if (attempt.kind !== 'AUTHORIZE_AGAIN') {
      intent = await deps.gateway.createIntent({ reservationId: r.reservationId, userId: r.userId, amount: r.amount, currency: r.currency, captureMethod: 'automatic' });
      reservation = await attachOrCancel(deps, r, attempt.kind, intent.intentId);
    }
    const paymentIntent = cmd.card ? await deps.gateway.authorize((intent as PaymentIntent).intentId, cmd.card) : (intent as PaymentIntent);
    return { reservation, paymentIntent };
  };
}

/** The intent exists before the reservation names it; if the reservation moved meanwhile, the orphan is cancelled. */
async function attachOrCancel(deps: PayReservationDeps, r: Reservation, kind: 'START' | 'RETRY_WITH_NEW_INTENT', intentId: string): Promise<Reservation> {
  try {
    if (kind === 'RETRY_WITH_NEW_INTENT') return await deps.attachIntent(r.reservationId, intentId);
    const policy = (await deps.policies.get(r.concertId)) ?? DEFAULT_SALES_POLICY;
    return await deps.change(r.reservationId, 'PAYING', { paymentExpiresAt: addSeconds(deps.clock.now(), policy.paymentTtlSeconds), paymentIntentId: intentId });
  } catch (error) {
    await deps.gateway.cancel(intentId).catch((e: unknown) => logger.warn('orphan payment intent not cancelled', { intentId, error: e as Error }));
    throw error;
  }
}
