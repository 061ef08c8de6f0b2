import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import type { Sqs } from '#platform/clients/sqs';
import { BAD_SIGNATURE_ATTRIBUTE, type OutboxOptions, type WebhookOutbox, type WebhookRetryScheduler } from '#services/payments/ports';

const SQS_BATCH_LIMIT = 10;
const SQS_MAX_DELAY_SECONDS = 900;

/** The webhook delivery queue (WEBHOOK_QUEUE_URL in production): the sandbox sends events in, the dispatcher postpones retries. */
export function sqsWebhookQueue(sqs: Sqs, queueUrl: () => string): WebhookOutbox & WebhookRetryScheduler {
  return {
    async send(events, options: OutboxOptions = {}) {
      const entries: SendMessageBatchRequestEntry[] = events.map((event, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify(event),
        DelaySeconds: Math.min(options.delaySeconds ?? 0, SQS_MAX_DELAY_SECONDS),
        MessageAttributes: options.badSignature ? { [BAD_SIGNATURE_ATTRIBUTE]: { DataType: 'String', StringValue: 'true' } } : undefined,
      }));
      const { client, sdk } = await sqs();
      for (let i = 0; i < entries.length; i += SQS_BATCH_LIMIT) {
        const out = await client.send(new sdk.SendMessageBatchCommand({ QueueUrl: queueUrl(), Entries: entries.slice(i, i + SQS_BATCH_LIMIT) }));
        if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} webhook messages: ${out.Failed.map((f) => f.Code).join(', ')}`);
      }
    },

    async retryIn(receiptHandle, seconds) {
      const { client, sdk } = await sqs();
      await client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
    },
  };
}
