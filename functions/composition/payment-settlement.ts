import { reservationToItem } from '#adapters/dynamo/entities/reservation';
import { dynamoReservationTransitions } from '#adapters/dynamo/reservations-transition';
import { sandboxGateway } from '#adapters/payments/sandbox-gateway';
import type { PaymentGateway } from '#services/ports/payment-gateway';
import { changeReservation } from '#services/reservations/change-reservation';
import type { HoldDeadlines, ReservationTransitions } from '#services/reservations/ports';
import { completeRefund } from '#services/reservations/refund-payment';
import { settlePayments } from '#services/reservations/settle-payments';
import { realHoldDeadlines } from './hold-deadlines';
import { lazy } from './lazy';
import { paymentSandbox } from './payments';
import { realReservationExpiryPorts, wireReservationExpiry, type ReservationExpiryPorts } from './reservation-expiry';
import { db, tableName } from './shared-ports';

/** What moving a reservation after a payment event needs (no sales policy, no Redis). */
export interface PaymentSettlementPorts extends ReservationExpiryPorts {
  transitions: ReservationTransitions;
  deadlines: HoldDeadlines;
  /** Bound to the payments capability in one place (below); tests bind their own sandbox. */
  gateway: PaymentGateway;
}

export function realPaymentSettlementPorts(): PaymentSettlementPorts {
  const expiry = realReservationExpiryPorts();
  return {
    ...expiry,
    transitions: dynamoReservationTransitions(db, tableName, reservationToItem, expiry.releaser),
    deadlines: realHoldDeadlines(),
    gateway: sandboxGateway(paymentSandbox),
  };
}

/** The state moves every later step shares, and the payments capability's PaymentEventsListener built on them. */
export function wirePaymentSettlement(p: PaymentSettlementPorts) {
  const { expire, sweep } = wireReservationExpiry(p);
  const change = changeReservation(p);
  const refund = completeRefund({ gateway: p.gateway, change, reservations: p.reservations });
  return { expire, sweep, change, completeRefund: refund, paymentEvents: settlePayments({ reservations: p.reservations, change, expire, completeRefund: refund, gateway: p.gateway }) };
}

export const paymentSettlement = lazy(() => wirePaymentSettlement(realPaymentSettlementPorts()));
