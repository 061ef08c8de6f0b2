import { randomInt } from 'node:crypto';
import { dynamoPaymentIntents } from '#adapters/dynamo/payment-intents';
import { dynamoReservationLookup } from '#adapters/dynamo/reservation-lookup';
import { webhookHttpTransport } from '#adapters/payments/webhook-http-transport';
import { sqsWebhookQueue } from '#adapters/sqs/webhook-outbox';
import { sqs } from '#platform/clients/sqs';
import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import { secretString } from '#platform/secrets';
import { ulids } from '#platform/ids';
import { webhookDispatcher as webhookDispatcherService, type WebhookDispatcherDeps } from '#services/payments/dispatch-webhooks';
import { paymentSandbox as paymentSandboxService, type PaymentSandboxDeps } from '#services/payments/payment-sandbox';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

/** Uniform in [0, 1) from the CSPRNG; shuffles and jitter need nothing stronger, but it costs nothing. */
export const secureRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;
/** The HMAC secret shared with the payment provider, by ARN (webhookSecret need), read at run time. */
export const webhookSecret = () => secretString('webhook');

/** The webhook delivery queue (WEBHOOK_QUEUE_URL): the sandbox's outbox and the dispatcher's retry scheduler. */
const webhookQueue = () => sqsWebhookQueue(sqs, () => config('WEBHOOK_QUEUE_URL').WEBHOOK_QUEUE_URL);

export const realPaymentSandboxPorts = (): PaymentSandboxDeps => ({
  intents: dynamoPaymentIntents(db, tableName),
  reservations: dynamoReservationLookup(db, tableName),
  outbox: webhookQueue(),
  clock: systemClock,
  ids: ulids,
  random: secureRandom,
  lateWebhookDelaySeconds: () => config('WEBHOOK_LATE_DELAY_SECONDS').WEBHOOK_LATE_DELAY_SECONDS,
});

export const wirePaymentSandbox = (p: PaymentSandboxDeps) => paymentSandboxService(p);

export const realWebhookDispatcherPorts = (): WebhookDispatcherDeps => ({
  transport: webhookHttpTransport(() => config('WEBHOOK_TARGET_URL').WEBHOOK_TARGET_URL),
  retry: webhookQueue(),
  clock: systemClock,
  random: secureRandom,
  secret: webhookSecret,
  backoff: { baseSeconds: 2, capSeconds: 300 },
});

export const wireWebhookDispatcher = (p: WebhookDispatcherDeps) => webhookDispatcherService(p);

export const paymentSandbox = lazy(() => wirePaymentSandbox(realPaymentSandboxPorts()));
export const webhookDispatcher = lazy(() => wireWebhookDispatcher(realWebhookDispatcherPorts()));
