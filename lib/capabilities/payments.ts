import type { Capability, RestRoute } from './types';

const intentRoute = (method: RestRoute['method'], path: string, exportName: string, needs: RestRoute['needs']): RestRoute => ({
  method,
  path: `/v1/payments/intents${path}`,
  handler: `http/payments.${exportName}`,
  auth: 'user',
  needs,
  // Money moves: a logged-out token must not reach these past the authorizer cache.
  freshAuth: method !== 'GET',
});

/** The payment sandbox: intents, signed webhooks delivered through SQS (delay, retry with backoff, DLQ). */
export const payments: Capability = {
  name: 'payments',
  routes: [
    intentRoute('POST', '', 'createIntent', ['table']),
    intentRoute('POST', '/{intentId}/authorize', 'authorizeIntent', ['table', 'webhookQueue']),
    intentRoute('POST', '/{intentId}/capture', 'captureIntent', ['table', 'webhookQueue']),
    intentRoute('POST', '/{intentId}/cancel', 'cancelIntent', ['table', 'webhookQueue']),
    intentRoute('POST', '/{intentId}/refund', 'refundIntent', ['table', 'webhookQueue']),
    intentRoute('GET', '/{intentId}', 'getIntent', ['tableRead']),
    { method: 'POST', path: '/v1/payments/webhooks', handler: 'http/payments.receiveWebhook', auth: 'public', needs: ['table', 'webhookSecret', 'holdDeadlines', 'webhookQueue'] },
    { method: 'POST', path: '/v1/admin/payments/webhooks/simulate', handler: 'http/payments.simulateWebhooks', auth: 'admin', needs: ['table', 'webhookQueue'] },
  ],
  queues: [
    {
      id: 'WebhookQueue',
      urlEnv: 'WEBHOOK_QUEUE_URL',
      need: 'webhookQueue',
      consumer: 'workers/webhook-dispatcher.handler',
      consumerNeeds: ['webhookQueue', 'webhookSecret', 'webhookTarget'],
      consumerBudget: { timeoutSeconds: 5 },
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 5,
    },
  ],
};
