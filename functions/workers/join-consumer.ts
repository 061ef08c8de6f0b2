import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { queueSubscriptions } from '#composition/queue-subscriptions';
import { drainBufferedJoins } from '#services/waiting-room/buffered-joins';

/** The buffered-join queue's consumer (partial batch responses: only failed joins are retried, then the DLQ). */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const records = event.Records.map((r) => ({ messageId: r.messageId, body: r.body, sentAtMs: Number(r.attributes.SentTimestamp) }));
  const { queue, subscriptions } = queueSubscriptions();
  const failed = await drainBufferedJoins(records, queue, subscriptions);
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};
