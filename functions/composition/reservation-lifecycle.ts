import { reservationItem } from '#adapters/dynamo/reservations-items';
import { dynamoReservationTransitions } from '#adapters/dynamo/reservations-transition';
import { dynamoRefundAudit } from '#adapters/dynamo/refund-audit';
import { dynamoShowSchedule } from '#adapters/dynamo/show-schedule';
import { SandboxGateway } from '#adapters/payments/sandbox-gateway';
import { ulids, type Ids } from '#platform/ids';
import type { PaymentGateway } from '#services/ports/payment-gateway';
import { cancelReservation, refundReservation } from '#services/reservations/cancel-reservation';
import { attachPaymentIntent, changeReservation } from '#services/reservations/change-reservation';
import { payReservation } from '#services/reservations/pay-reservation';
import type { HoldDeadlines, RefundAudit, ReservationTransitions, SalesPolicyStore, ShowSchedule } from '#services/reservations/ports';
import { getReservation } from '#services/reservations/read-reservations';
import { completeRefund, refundGuard } from '#services/reservations/refund-payment';
import { settlePayments } from '#services/reservations/settle-payments';
import { realHoldDeadlines } from './hold-deadlines';
import { lazy } from './lazy';
import { paymentSandbox } from './payments';
import { realReservationExpiryPorts, wireReservationExpiry, type ReservationExpiryPorts } from './reservation-expiry';
import { db, realSalesPolicies, tableName } from './shared-ports';

export interface ReservationLifecyclePorts extends ReservationExpiryPorts {
  transitions: ReservationTransitions;
  deadlines: HoldDeadlines;
  policies: Pick<SalesPolicyStore, 'get'>;
  shows: ShowSchedule;
  audit: RefundAudit;
  /** Bound to the payments capability in one place (below); tests bind their own sandbox. */
  gateway: PaymentGateway;
  ids: Ids;
}

export function realReservationLifecyclePorts(): ReservationLifecyclePorts {
  const expiry = realReservationExpiryPorts();
  return {
    ...expiry,
    transitions: dynamoReservationTransitions(db, tableName, reservationItem, expiry.releaser),
    deadlines: realHoldDeadlines(),
    policies: realSalesPolicies(),
    shows: dynamoShowSchedule(db, tableName),
    audit: dynamoRefundAudit(db, tableName),
    gateway: new SandboxGateway(paymentSandbox),
    ids: ulids,
  };
}

/** Every move of the reservation state machine after the hold: pay, cancel, refund, and settling payment events. */
export function wireReservationLifecycle(p: ReservationLifecyclePorts) {
  const { expire, sweep } = wireReservationExpiry(p);
  const change = changeReservation(p);
  const find = getReservation(p);
  const refund = completeRefund({ gateway: p.gateway, change, reservations: p.reservations });
  const guard = refundGuard({ shows: p.shows, policies: p.policies, audit: p.audit, clock: p.clock, ids: p.ids });
  return {
    expire,
    sweep,
    change,
    pay: payReservation({ reservations: p.reservations, policies: p.policies, gateway: p.gateway, change, attachIntent: attachPaymentIntent(p), clock: p.clock }),
    cancel: cancelReservation({ find, change, guard, completeRefund: refund }),
    refund: refundReservation({ find, guard, completeRefund: refund }),
    /** The payments capability's PaymentEventsListener: the webhook is what confirms a reservation. */
    paymentEvents: settlePayments({ reservations: p.reservations, change, expire, completeRefund: refund, gateway: p.gateway }),
  };
}

export const reservationLifecycle = lazy(() => wireReservationLifecycle(realReservationLifecyclePorts()));
