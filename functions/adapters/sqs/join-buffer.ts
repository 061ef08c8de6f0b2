import type { Sqs } from '#platform/clients/sqs';
import type { JoinBuffer } from '#services/waiting-room/ports';

/** The buffered join: one SQS message per join; the consumer keeps arrival order by the enqueue timestamp. */
export interface BufferedJoinMessage {
  concertId: string;
  userId: string;
  ticketId: string;
}

export function sqsJoinBuffer(sqs: Sqs, queueUrl: () => string): JoinBuffer {
  return {
    async enqueue(join) {
      const { client, sdk } = await sqs();
      await client.send(new sdk.SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: JSON.stringify(join satisfies BufferedJoinMessage) }));
    },
  };
}
