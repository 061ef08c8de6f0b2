import { randomInt } from 'node:crypto';
import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { DynamoPaymentIntents } from '#adapters/dynamo/payment-intents';
import { DynamoReservationLookup } from '#adapters/dynamo/reservation-lookup';
import { DynamoWebhookEventLog } from '#adapters/dynamo/webhook-events';
import { WebhookHttpTransport } from '#adapters/payments/webhook-http-transport';
import { SqsWebhookQueue } from '#adapters/sqs/webhook-outbox';
import { eventBridge } from '#platform/clients';
import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import { ulids } from '#platform/ids';
import type { PaymentEventsListener } from '../ports/payment-events-listener';
import { WebhookDispatcher, type WebhookDispatcherDeps } from './dispatch-webhooks';
import { services as reservationServices } from '../reservations/compose';
import { PaymentSandbox, type PaymentSandboxDeps } from './payment-sandbox';
import { WebhookReceiver, type WebhookReceiverDeps } from './receive-webhook';

/**
 * The reservation side: onCaptured confirms PAYING → CONFIRMED, or refunds a capture whose reservation can no
 * longer be sold. Each call reaches through at call time, because the two composition roots import each other
 * (the reservation side pays through the SandboxGateway, which calls this sandbox).
 */
export const reservationPaymentListener: PaymentEventsListener = {
  onAuthorized: (e) => reservationServices.paymentEvents.onAuthorized(e),
  onCaptured: (e) => reservationServices.paymentEvents.onCaptured(e),
  onFailed: (e) => reservationServices.paymentEvents.onFailed(e),
  onCancelled: (e) => reservationServices.paymentEvents.onCancelled(e),
  onRefunded: (e) => reservationServices.paymentEvents.onRefunded(e),
};

/** Uniform in [0, 1) from the CSPRNG; shuffles and jitter need nothing stronger, but it costs nothing. */
const random = () => randomInt(0, 2 ** 32) / 2 ** 32;
const webhookSecret = () => config('WEBHOOK_SECRET').WEBHOOK_SECRET;

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Builders take overrides so tests can swap a port (a recording listener, a private queue) and keep the rest real. */
export const buildPaymentSandbox = (overrides: Partial<PaymentSandboxDeps> = {}) =>
  new PaymentSandbox({
    intents: new DynamoPaymentIntents(),
    reservations: new DynamoReservationLookup(),
    outbox: new SqsWebhookQueue(),
    clock: systemClock,
    ids: ulids,
    random,
    lateWebhookDelaySeconds: () => config('WEBHOOK_LATE_DELAY_SECONDS').WEBHOOK_LATE_DELAY_SECONDS,
    ...overrides,
  });

export const buildWebhookReceiver = (overrides: Partial<WebhookReceiverDeps> = {}) =>
  new WebhookReceiver({
    intents: new DynamoPaymentIntents(),
    log: new DynamoWebhookEventLog(),
    listener: reservationPaymentListener,
    publisher: eventBridgePublisher(eventBridge, () => config('EVENT_BUS_NAME').EVENT_BUS_NAME),
    clock: systemClock,
    secret: webhookSecret,
    ...overrides,
  });

export const buildWebhookDispatcher = (overrides: Partial<WebhookDispatcherDeps> = {}) =>
  new WebhookDispatcher({
    transport: new WebhookHttpTransport(),
    retry: new SqsWebhookQueue(),
    clock: systemClock,
    random,
    secret: webhookSecret,
    backoff: { baseSeconds: 2, capSeconds: 300 },
    ...overrides,
  });

export const paymentSandbox = once(() => buildPaymentSandbox());
export const webhookReceiver = once(() => buildWebhookReceiver());
export const webhookDispatcher = once(() => buildWebhookDispatcher());
