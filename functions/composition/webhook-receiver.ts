import { dynamoPaymentIntents } from '#adapters/dynamo/payment-intents';
import { dynamoWebhookEventLog } from '#adapters/dynamo/webhook-events';
import { systemClock } from '#platform/clock';
import type { PaymentEventsListener } from '#services/ports/payment-events-listener';
import { webhookReceiver as webhookReceiverService, type WebhookReceiverDeps } from '#services/payments/receive-webhook';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';
import { webhookSecret } from './payments';
import { paymentSettlement } from './payment-settlement';

/**
 * The one place the payments capability's PaymentEventsListener port is bound to the reservation side: a captured
 * webhook confirms PAYING → CONFIRMED, or refunds a capture whose reservation can no longer be sold.
 */
const reservationPaymentListener: PaymentEventsListener = {
  onAuthorized: (e) => paymentSettlement().paymentEvents.onAuthorized(e),
  onCaptured: (e) => paymentSettlement().paymentEvents.onCaptured(e),
  onFailed: (e) => paymentSettlement().paymentEvents.onFailed(e),
  onCancelled: (e) => paymentSettlement().paymentEvents.onCancelled(e),
  onRefunded: (e) => paymentSettlement().paymentEvents.onRefunded(e),
};

export const realWebhookReceiverPorts = (): WebhookReceiverDeps => ({
  intents: dynamoPaymentIntents(db, tableName),
  log: dynamoWebhookEventLog(db, tableName),
  listener: reservationPaymentListener,
  clock: systemClock,
  secret: webhookSecret,
});

export const wireWebhookReceiver = (p: WebhookReceiverDeps) => webhookReceiverService(p);

export const webhookReceiver = lazy(() => wireWebhookReceiver(realWebhookReceiverPorts()));
