import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { dynamoIdempotencyStore } from '#adapters/dynamo/idempotency-store';
import { dynamoHoldWriter } from '#adapters/dynamo/reservations-hold';
import { reservationItem } from '#adapters/dynamo/reservations-items';
import { dynamoReservationReader } from '#adapters/dynamo/reservations-read';
import { dynamoOverdueHolds } from '#adapters/dynamo/reservations-overdue';
import { dynamoRefundAudit } from '#adapters/dynamo/refund-audit';
import { dynamoShowSchedule } from '#adapters/dynamo/show-schedule';
import { SandboxGateway } from '#adapters/payments/sandbox-gateway';
import { dynamoReservationReleaser } from '#adapters/dynamo/reservations-release';
import { dynamoReservationTransitions } from '#adapters/dynamo/reservations-transition';
import { dynamoSalesPolicyStore } from '#adapters/dynamo/sales-policy-store';
import { dynamoSeatCatalog } from '#adapters/dynamo/seats-catalog';
import { stepFunctionsHoldDeadlines } from '#adapters/stepfunctions/hold-deadlines';
import { dynamo, eventBridge, redis, sfn, tableName } from '#platform/clients';
import { cachedSalesPolicyStore } from '#adapters/redis/sales-policy-cache';
import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import { ulids } from '#platform/ids';
import { idempotency } from '#services/idempotency';
import { recordPopularity } from '#adapters/redis/catalog-popularity';
import { invalidateConcertReads } from '#adapters/redis/catalog-invalidation';
import { salesPolicyService } from './sales-policy';
import { paymentSandbox } from '#services/payments/composition-root';
import { waitingRoom } from '#services/waiting-room/compose';
import { cancelReservation, refundReservation } from './cancel-reservation';
import { attachPaymentIntent, changeReservation } from './change-reservation';
import { expireReservation } from './expire-reservation';
import { holdSeats } from './hold-seats';
import { deadlinesWithFallback, sweepOverdueHolds } from './overdue-sweep';
import { payReservation } from './pay-reservation';
import { getReservation, listReservations } from './read-reservations';
import { completeRefund, refundGuard } from './refund-payment';
import { settlePayments } from './settle-payments';

/**
 * The production composition root for the reservation services. Adapters are stateless apart from the warm seat
 * catalog, and every client is built on first use, so a Lambda that only lists reservations never builds an SFN client.
 */
const events = eventBridgePublisher(eventBridge, () => config('EVENT_BUS_NAME').EVENT_BUS_NAME);
const reservations = dynamoReservationReader(dynamo, tableName);
const overdue = dynamoOverdueHolds(dynamo, tableName);
const releaser = dynamoReservationReleaser(dynamo, tableName, reservationItem);
const expire = expireReservation({ reservations, releaser, events, clock: systemClock });
const deadlines = deadlinesWithFallback(
  stepFunctionsHoldDeadlines(sfn, () => config('HOLD_DEADLINES_STATE_MACHINE_ARN').HOLD_DEADLINES_STATE_MACHINE_ARN),
  overdue,
);
const salesPolicies = cachedSalesPolicyStore(dynamoSalesPolicyStore(dynamo, tableName), redis);

const changeDeps = { reservations, transitions: dynamoReservationTransitions(dynamo, tableName, reservationItem, releaser), events, deadlines, clock: systemClock };
const change = changeReservation(changeDeps);
const gateway = new SandboxGateway(() => paymentSandbox());
const find = getReservation({ reservations });
const refundAudit = dynamoRefundAudit(dynamo, tableName);
const refund = completeRefund({ gateway, change, reservations });
const guard = refundGuard({ shows: dynamoShowSchedule(dynamo, tableName), policies: salesPolicies, audit: refundAudit, clock: systemClock, ids: ulids });

export const services = {
  holdSeats: holdSeats({
    seats: dynamoSeatCatalog(dynamo, tableName),
    policies: salesPolicies,
    holds: dynamoHoldWriter(dynamo, tableName, reservationItem),
    // The waiting room's gate: a valid token for this user and concert whose slot is still ACTIVE.
    admission: { verify: (token, userId, concertId) => waitingRoom().gate.verify(token, userId, concertId) },
    deadlines,
    events,
    clock: systemClock,
    ids: ulids,
    popularity: { record: recordPopularity },
  }),
  getReservation: find,
  listReservations: listReservations({ reservations }),
  expireReservation: expire,
  /** Every other move of the state machine, seats included. */
  changeReservation: change,
  payReservation: payReservation({ reservations, policies: salesPolicies, gateway, change, attachIntent: attachPaymentIntent(changeDeps), clock: systemClock }),
  cancelReservation: cancelReservation({ find, change, guard, completeRefund: refund }),
  refundReservation: refundReservation({ find, guard, completeRefund: refund }),
  /** Bound as the payments composition root's PaymentEventsListener: the webhook is what confirms a reservation. */
  paymentEvents: settlePayments({ reservations, change, expire, completeRefund: refund, gateway }),
  refundAudit,
  sweepOverdueHolds: sweepOverdueHolds({ overdue, expire, clock: systemClock }),
  salesPolicy: salesPolicyService({ policies: salesPolicies, invalidateConcertReads, clock: systemClock }),
  idempotency: idempotency({ store: dynamoIdempotencyStore(dynamo, tableName), clock: systemClock }),
};
