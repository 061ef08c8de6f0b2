import type { Sqs } from '#platform/clients/sqs';
import type { FanOutParts } from '#services/live-updates/ports';

const SQS_BATCH_LIMIT = 10;
/** SQS takes 256 KiB a message; a part too big for one (a very long SEATS message) is sent by its publisher. */
const MAX_BODY_BYTES = 250_000;

/** The seat fan-out queue (SEAT_FAN_OUT_QUEUE_URL): one message a part, each taken by its own consumer invocation. */
export function sqsSeatFanOut(sqs: Sqs, queueUrl: () => string): FanOutParts {
  return {
    async dispatch(parts) {
      const bodies = parts.map((part) => ({ part, body: JSON.stringify(part) }));
      const fits = bodies.filter((b) => Buffer.byteLength(b.body) <= MAX_BODY_BYTES);
      const kept = bodies.filter((b) => !fits.includes(b)).map((b) => b.part);
      const { client, sdk } = await sqs();
      for (let i = 0; i < fits.length; i += SQS_BATCH_LIMIT) {
        const batch = fits.slice(i, i + SQS_BATCH_LIMIT);
        const out = await client.send(new sdk.SendMessageBatchCommand({ QueueUrl: queueUrl(), Entries: batch.map((b, j) => ({ Id: String(j), MessageBody: b.body })) }));
        for (const failed of out.Failed ?? []) {
          const refused = batch[Number(failed.Id)];
          if (refused) kept.push(refused.part);
        }
      }
      return kept;
    },
  };
}
