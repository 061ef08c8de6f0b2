import type { SQSRecord } from 'aws-lambda';
import { traced } from '#platform/tracing';
import { sqsBatchHandler } from '#platform/worker';
import { BAD_SIGNATURE_ATTRIBUTE } from '#services/payments/ports';
import { webhookDispatcher } from '#composition/payments';
import type { QueuedWebhook, WebhookDispatcher } from '#services/payments/dispatch-webhooks';

const toQueuedWebhook = (record: SQSRecord): QueuedWebhook => ({
  messageId: record.messageId,
  receiptHandle: record.receiptHandle,
  body: record.body,
  receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
  badSignature: record.messageAttributes?.[BAD_SIGNATURE_ATTRIBUTE]?.stringValue === 'true',
});

/**
 * The webhook queue's consumer; failed deliveries come back as partial batch failures (reportBatchItemFailures).
 * Traced with Powertools Tracer: each POST to the merchant is a subsegment, which is where a slow delivery shows.
 */
export const webhookDispatcherHandler = (dispatcher: () => WebhookDispatcher) =>
  sqsBatchHandler((records) => dispatcher().dispatch(records.map(toQueuedWebhook)), [traced()]);

export const handler = webhookDispatcherHandler(webhookDispatcher);
