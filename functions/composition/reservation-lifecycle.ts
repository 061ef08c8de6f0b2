import { dynamoRefundAudit } from '#adapters/dynamo/refund-audit';
import { dynamoShowSchedule } from '#adapters/dynamo/show-schedule';
import { ulids, type Ids } from '#platform/ids';
import { cancelReservation, refundReservation } from '#services/reservations/cancel-reservation';
import { attachPaymentIntent } from '#services/reservations/change-reservation';
import { payReservation } from '#services/reservations/pay-reservation';
import type { RefundAudit, SalesPolicyStore, ShowSchedule } from '#services/reservations/ports';
import { getReservation } from '#services/reservations/read-reservations';
import { refundGuard } from '#services/reservations/refund-payment';
import { lazy } from './lazy';
import { realPaymentSettlementPorts, wirePaymentSettlement, type PaymentSettlementPorts } from './payment-settlement';
import { realSalesPolicies } from './sales-policies';
import { db, tableName } from './shared-ports';

export interface ReservationLifecyclePorts extends PaymentSettlementPorts {
  policies: Pick<SalesPolicyStore, 'get'>;
  shows: ShowSchedule;
  audit: RefundAudit;
  ids: Ids;
}

export function realReservationLifecyclePorts(): ReservationLifecyclePorts {
  return {
    ...realPaymentSettlementPorts(),
    policies: realSalesPolicies(),
    shows: dynamoShowSchedule(db, tableName),
    audit: dynamoRefundAudit(db, tableName),
    ids: ulids,
  };
}

/** Every move of the reservation state machine after the hold: pay, cancel, refund, and settling payment events. */
export function wireReservationLifecycle(p: ReservationLifecyclePorts) {
  const settlement = wirePaymentSettlement(p);
  const { change, completeRefund } = settlement;
  const find = getReservation(p);
  const guard = refundGuard({ shows: p.shows, policies: p.policies, audit: p.audit, clock: p.clock, ids: p.ids });
  return {
    ...settlement,
    pay: payReservation({ reservations: p.reservations, policies: p.policies, gateway: p.gateway, change, attachIntent: attachPaymentIntent(p), clock: p.clock }),
    cancel: cancelReservation({ find, change, guard, completeRefund }),
    refund: refundReservation({ find, guard, completeRefund }),
  };
}

export const reservationLifecycle = lazy(() => wireReservationLifecycle(realReservationLifecyclePorts()));
