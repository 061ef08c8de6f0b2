import * as z from 'zod/mini';
import { CAPTURE_METHODS } from '#domain/payments/authorization';
import { SIGNATURE_HEADER } from '#domain/payments/webhook-signature';
import { accepted, created, httpHandler, type IdempotentRun } from '#platform/http';
import { realIdempotency } from '#composition/idempotency';
import { paymentSandbox } from '#composition/payments';
import { webhookReceiver } from '#composition/webhook-receiver';
import type { PaymentSandbox } from '#services/payments/payment-sandbox';
import type { WebhookReceiver } from '#services/payments/receive-webhook';

const id = z.string().check(z.minLength(1), z.maxLength(64));
const intentParams = z.object({ intentId: id });
const createBody = z.object({ reservationId: id, captureMethod: z._default(z.enum(CAPTURE_METHODS), 'manual') });
const authorizeBody = z.object({ card: z.object({ number: z.string().check(z.minLength(1), z.maxLength(32)) }) });
const simulateBody = z.object({
  intentId: id,
  duplicate: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(10)), 1),
  delaySeconds: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(900)), 0),
  shuffle: z._default(z.boolean(), false),
  badSignature: z._default(z.boolean(), false),
});

/**
 * The payment routes over whichever services they are given; the exports below bind the real ones. Every mutating
 * intent call honours `Idempotency-Key` through the one idempotency service.
 */
export function paymentRoutes(sandbox: () => PaymentSandbox, receiver: () => WebhookReceiver, run: () => IdempotentRun = realIdempotency) {
  const step = (action: 'capture' | 'cancel' | 'refund') =>
    httpHandler({ auth: 'user', params: intentParams, idempotent: run }, (req) => sandbox()[action](req.params.intentId, req.principal));
  return {
    createIntent: httpHandler({ auth: 'user', body: createBody, idempotent: run }, async (req) =>
      created(await sandbox().createForReservation(req.principal, req.body.reservationId, req.body.captureMethod)),
    ),
    authorizeIntent: httpHandler({ auth: 'user', params: intentParams, body: authorizeBody, idempotent: run }, (req) =>
      sandbox().authorize(req.params.intentId, req.body.card, req.principal),
    ),
    captureIntent: step('capture'),
    cancelIntent: step('cancel'),
    refundIntent: step('refund'),
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
