import { sandboxGateway } from '#adapters/payments/sandbox-gateway';
import { webhookHttpTransport } from '#adapters/payments/webhook-http-transport';
import { sqsWebhookQueue } from '#adapters/sqs/webhook-outbox';
import { sqs } from '#platform/clients/sqs';
import type { Principal } from '#domain/identity';
import { systemClock, type Clock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { realPaymentSandboxPorts, realWebhookDispatcherPorts, wirePaymentSandbox, wireWebhookDispatcher } from '#composition/payments';
import { realWebhookReceiverPorts, wireWebhookReceiver } from '#composition/webhook-receiver';
import { wireReservationLifecycle } from '#composition/reservation-lifecycle';
import { paymentRoutes } from '../../../functions/http/payments';
import { webhookDispatcherHandler } from '../../../functions/workers/webhook-dispatcher';
import { forwardTo, privateWebhookQueue, startQueuePump, startWebhookTarget } from '../payments/harness';
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
  const outbox = sqsWebhookQueue(sqs, () => queue.url);
  const sandbox = wirePaymentSandbox({ ...realPaymentSandboxPorts(), outbox, lateWebhookDelaySeconds: () => LATE_DELAY_SECONDS });
  const gateway = sandboxGateway(() => sandbox);
  const lifecycle = wireReservationLifecycle({ ...base.ports, gateway });
  const listener = lifecycle.paymentEvents;
  const receiver = wireWebhookReceiver({ ...realWebhookReceiverPorts(), listener });
  const routes = paymentRoutes(() => sandbox, () => receiver);
  const target = await startWebhookTarget(forwardTo(routes.receiveWebhook));
  const dispatcher = wireWebhookDispatcher({ ...realWebhookDispatcherPorts(), transport: webhookHttpTransport(() => target.url), retry: outbox, backoff: { baseSeconds: 1, capSeconds: 1 } });
  const pump = startQueuePump(queue.url, webhookDispatcherHandler(() => dispatcher));
  return {
    ...base,
    clock,
    sandbox,
    gateway,
    routes,
    target,
    audit: base.ports.audit,
    listener,
    pay: lifecycle.pay,
    cancel: lifecycle.cancel,
    refund: lifecycle.refund,
    async stop() {
      await pump.stop();
      await target.close();
    },
  };
}

export type Lifecycle = Awaited<ReturnType<typeof lifecycleHarness>>;
