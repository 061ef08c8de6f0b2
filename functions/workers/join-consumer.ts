import { queueSubscriptions } from '#composition/queue-subscriptions';
import { sqsBatchHandler } from '#platform/worker';
import { drainBufferedJoins } from '#services/waiting-room/buffered-joins';

/** The buffered-join queue's consumer (partial batch responses: only failed joins are retried, then the DLQ). */
export const handler = sqsBatchHandler((records) => {
  const { queue, subscriptions } = queueSubscriptions();
  return drainBufferedJoins(
    records.map((r) => ({ messageId: r.messageId, body: r.body, sentAtMs: Number(r.attributes.SentTimestamp) })),
    queue,
    subscriptions,
  );
});
