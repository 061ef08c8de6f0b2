import { dynamoRefundAudit } from '#adapters/dynamo/refund-audit';
import { reservationItem } from '#adapters/dynamo/reservations-items';
import { dynamoReservationReleaser } from '#adapters/dynamo/reservations-release';
import { dynamoReservationTransitions } from '#adapters/dynamo/reservations-transition';
import { dynamoShowSchedule } from '#adapters/dynamo/show-schedule';
import { SandboxGateway } from '#adapters/payments/sandbox-gateway';
import { WebhookHttpTransport } from '#adapters/payments/webhook-http-transport';
import { SqsWebhookQueue } from '#adapters/sqs/webhook-outbox';
import type { Principal } from '#domain/identity';
import { dynamo, tableName } from '#platform/clients';
import { systemClock, type Clock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { buildPaymentSandbox, buildWebhookDispatcher, buildWebhookReceiver } from '#services/payments/composition-root';
import { cancelReservation, refundReservation } from '#services/reservations/cancel-reservation';
import { attachPaymentIntent } from '#services/reservations/change-reservation';
import { payReservation } from '#services/reservations/pay-reservation';
import { getReservation } from '#services/reservations/read-reservations';
import { completeRefund, refundGuard } from '#services/reservations/refund-payment';
import { settlePayments } from '#services/reservations/settle-payments';
import { paymentRoutes } from '../../../functions/http/payments';
import { webhookDispatcherHandler } from '../../../functions/workers/webhook-dispatcher';
import { forwardTo, privateWebhookQueue, recordingPublisher, startQueuePump, startWebhookTarget } from '../payments/harness';
import { reservationServices } from '../reservations/harness';

export const CARDS = { approve: '4242424242424242', decline: '4000000000000002', timeout: '4000000000009995', late: '4000000000000259' } as const;
export const LATE_DELAY_SECONDS = 3;

export const buyer = (userId = `u-${ulids.next()}`, role: Principal['role'] = 'USER'): Principal => ({ userId, role, tier: 'BASIC', jti: `jti-${userId}`, tokenExpiresAt: 0 });

/**
 * The lifecycle over real parts: reservations in DynamoDB Local, the payment sandbox writing intents and sending
 * its webhooks to a private SQS emulator queue, a pump playing Lambda's event source mapping into the real
 * dispatcher, which signs and POSTs over HTTP to a loopback server feeding the real receiver handler, whose
 * listener is the reservation side's settlePayments. Only the reservation clock may be a test clock.
 */
export async function lifecycleHarness(options: { clock?: Clock } = {}) {
  const clock = options.clock ?? systemClock;
  const base = reservationServices({ clock });
  const queue = await privateWebhookQueue();
  const outbox = new SqsWebhookQueue(() => queue.url);
  const sandbox = buildPaymentSandbox({ outbox, lateWebhookDelaySeconds: () => LATE_DELAY_SECONDS });
  const gateway = new SandboxGateway(() => sandbox);
  const releaser = dynamoReservationReleaser(dynamo, tableName, reservationItem);
  const changeDeps = { reservations: base.reservations, transitions: dynamoReservationTransitions(dynamo, tableName, reservationItem, releaser), events: base.events, deadlines: base.deadlines, clock };
  const find = getReservation({ reservations: base.reservations });
  const audit = dynamoRefundAudit(dynamo, tableName);
  const refund = completeRefund({ gateway, change: base.change, reservations: base.reservations });
  const guard = refundGuard({ shows: dynamoShowSchedule(dynamo, tableName), policies: base.policies, audit, clock, ids: ulids });
  const listener = settlePayments({ reservations: base.reservations, change: base.change, expire: base.expire, completeRefund: refund, gateway });
  const receiver = buildWebhookReceiver({ listener, publisher: recordingPublisher() });
  const routes = paymentRoutes(() => sandbox, () => receiver);
  const target = await startWebhookTarget(forwardTo(routes.receiveWebhook));
  const dispatcher = buildWebhookDispatcher({ transport: new WebhookHttpTransport(() => target.url), retry: outbox, backoff: { baseSeconds: 1, capSeconds: 1 } });
  const pump = startQueuePump(queue.url, webhookDispatcherHandler(() => dispatcher));
  return {
    ...base,
    clock,
    sandbox,
    gateway,
    routes,
    target,
    audit,
    listener,
    pay: payReservation({ reservations: base.reservations, policies: base.policies, gateway, change: base.change, attachIntent: attachPaymentIntent(changeDeps), clock }),
    cancel: cancelReservation({ find, change: base.change, guard, completeRefund: refund }),
    refund: refundReservation({ find, guard, completeRefund: refund }),
    async stop() {
      await pump.stop();
      await target.close();
    },
  };
}

export type Lifecycle = Awaited<ReturnType<typeof lifecycleHarness>>;
