import { z } from 'zod';
import { CAPTURE_METHODS } from '#domain/payments/authorization';
import { SIGNATURE_HEADER } from '#domain/payments/webhook-signature';
import { accepted, created, httpHandler } from '#platform/http';
import { paymentSandbox, webhookReceiver } from '#services/payments/composition-root';
import type { PaymentSandbox } from '#services/payments/payment-sandbox';
import type { WebhookReceiver } from '#services/payments/receive-webhook';

const id = z.string().min(1).max(64);
const intentParams = z.object({ intentId: id });
const createBody = z.object({ reservationId: id, captureMethod: z.enum(CAPTURE_METHODS).default('manual') });
const authorizeBody = z.object({ card: z.object({ number: z.string().min(1).max(32) }) });
const simulateBody = z.object({
  intentId: id,
  duplicate: z.number().int().min(1).max(10).default(1),
  delaySeconds: z.number().int().min(0).max(900).default(0),
  shuffle: z.boolean().default(false),
  badSignature: z.boolean().default(false),
});

/** The payment routes over whichever services they are given; the exports below bind the real ones. */
export function paymentRoutes(sandbox: () => PaymentSandbox, receiver: () => WebhookReceiver) {
  return {
    createIntent: httpHandler({ auth: 'user', body: createBody }, async ({ body, principal }) =>
      created(await sandbox().createForReservation(principal, body.reservationId, body.captureMethod)),
    ),
    authorizeIntent: httpHandler({ auth: 'user', params: intentParams, body: authorizeBody }, ({ params, body, principal }) =>
      sandbox().authorize(params.intentId, body.card, principal),
    ),
    captureIntent: httpHandler({ auth: 'user', params: intentParams }, ({ params, principal }) => sandbox().capture(params.intentId, principal)),
    cancelIntent: httpHandler({ auth: 'user', params: intentParams }, ({ params, principal }) => sandbox().cancel(params.intentId, principal)),
    refundIntent: httpHandler({ auth: 'user', params: intentParams }, ({ params, principal }) => sandbox().refund(params.intentId, principal)),
    getIntent: httpHandler({ auth: 'user', params: intentParams }, ({ params, principal }) => sandbox().get(params.intentId, principal)),
    /** Public: the signature over the raw body is the authentication. */
    receiveWebhook: httpHandler({ auth: 'public' }, ({ rawBody, headers }) => receiver().receive(rawBody, headers[SIGNATURE_HEADER])),
    simulateWebhooks: httpHandler({ auth: 'admin', body: simulateBody }, async ({ body }) => accepted(await sandbox().simulate(body))),
  };
}

const routes = paymentRoutes(paymentSandbox, webhookReceiver);
export const createIntent = routes.createIntent;
export const authorizeIntent = routes.authorizeIntent;
export const captureIntent = routes.captureIntent;
export const cancelIntent = routes.cancelIntent;
export const refundIntent = routes.refundIntent;
export const getIntent = routes.getIntent;
export const receiveWebhook = routes.receiveWebhook;
export const simulateWebhooks = routes.simulateWebhooks;
