import { randomInt } from 'node:crypto';
import { DynamoPaymentIntents } from '#adapters/dynamo/payment-intents';
import { DynamoReservationLookup } from '#adapters/dynamo/reservation-lookup';
import { WebhookHttpTransport } from '#adapters/payments/webhook-http-transport';
import { SqsWebhookQueue } from '#adapters/sqs/webhook-outbox';
import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import { secretString } from '#platform/secrets';
import { ulids } from '#platform/ids';
import { webhookDispatcher as webhookDispatcherService, type WebhookDispatcherDeps } from '#services/payments/dispatch-webhooks';
import { paymentSandbox as paymentSandboxService, type PaymentSandboxDeps } from '#services/payments/payment-sandbox';
import { lazy } from './lazy';

/** Uniform in [0, 1) from the CSPRNG; shuffles and jitter need nothing stronger, but it costs nothing. */
export const secureRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;
/** The HMAC secret shared with the payment provider, by ARN (webhookSecret need), read at run time. */
export const webhookSecret = () => secretString('webhook');

export const realPaymentSandboxPorts = (): PaymentSandboxDeps => ({
  intents: new DynamoPaymentIntents(),
  reservations: new DynamoReservationLookup(),
  outbox: new SqsWebhookQueue(),
  clock: systemClock,
  ids: ulids,
  random: secureRandom,
  lateWebhookDelaySeconds: () => config('WEBHOOK_LATE_DELAY_SECONDS').WEBHOOK_LATE_DELAY_SECONDS,
});

export const wirePaymentSandbox = (p: PaymentSandboxDeps) => paymentSandboxService(p);

export const realWebhookDispatcherPorts = (): WebhookDispatcherDeps => ({
  transport: new WebhookHttpTransport(),
  retry: new SqsWebhookQueue(),
  clock: systemClock,
  random: secureRandom,
  secret: webhookSecret,
  backoff: { baseSeconds: 2, capSeconds: 300 },
});

export const wireWebhookDispatcher = (p: WebhookDispatcherDeps) => webhookDispatcherService(p);

export const paymentSandbox = lazy(() => wirePaymentSandbox(realPaymentSandboxPorts()));
export const webhookDispatcher = lazy(() => wireWebhookDispatcher(realWebhookDispatcherPorts()));
