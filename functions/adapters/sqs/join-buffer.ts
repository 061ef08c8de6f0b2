import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JoinBuffer } from '#services/waiting-room/ports';

/** The buffered join: one SQS message per join; the consumer keeps arrival order by the enqueue timestamp. */
export interface BufferedJoinMessage {
  concertId: string;
  userId: string;
  ticketId: string;
}

export function sqsJoinBuffer(sqs: SQSClient, queueUrl: string): JoinBuffer {
  return {
    async enqueue(join) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(join satisfies BufferedJoinMessage) }));
    },
  };
}
