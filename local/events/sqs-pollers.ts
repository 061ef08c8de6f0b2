import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { QueueDefinition } from '../../lib/capabilities/types';
import type { LocalQueue } from '../bootstrap';
import { invoke } from '../invoke';
import { localLog } from '../log';

/** Long-poll wait per receive; short enough that stop() returns promptly even if the abort is missed. */
const WAIT_SECONDS = 5;
/** After an unexpected receive error, pause before polling again (bounded, jittered). */
const ERROR_PAUSE_MS = 1000;

export interface QueuePoller {
  stop(): Promise<void>;
}

/**
 * Lambda's SQS event source mapping: long-polls the queue, gathers up to `batchSize` messages within
 * `maxBatchingWindowSeconds`, invokes the consumer with an SQS event and deletes what succeeded. Messages named in
 * `batchItemFailures` (or the whole batch when the consumer throws) stay, reappear after the visibility timeout
 * and move to the DLQ after `maxReceiveCount` receives.
 */
export function pollQueue(client: SQSClient, definition: QueueDefinition, queue: LocalQueue): QueuePoller {
  const abort = new AbortController();
  let queueArn = `arn:aws:sqs:us-east-1:000000000000:${definition.id}`;

  async function receive(max: number, waitSeconds: number): Promise<Message[]> {
    const out = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: Math.min(10, max),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: abort.signal },
    );
    return out.Messages ?? [];
  }

  async function gatherBatch(): Promise<Message[]> {
    const batch = await receive(definition.batchSize, WAIT_SECONDS);
    const windowEnds = Date.now() + definition.maxBatchingWindowSeconds * 1000;
    while (batch.length && batch.length < definition.batchSize && Date.now() < windowEnds && !abort.signal.aborted) {
      const more = await receive(definition.batchSize - batch.length, 0);
      if (!more.length) break;
      batch.push(...more);
    }
    return batch;
  }

  async function handle(batch: Message[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((m) => toRecord(m, queueArn)) };
    let failed: Set<string>;
    try {
      const result = await invoke<SQSBatchResponse | undefined>(definition.consumer, event);
      failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (e) {
      localLog.error('queue consumer threw; the whole batch will be retried', e, { queue: definition.id });
      failed = new Set(batch.map((m) => m.MessageId ?? ''));
    }
    const done = batch.filter((m) => !failed.has(m.MessageId ?? ''));
    if (done.length) {
      await client.send(
        new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
      );
    }
  }

  const loop = (async () => {
    const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] })).catch(() => undefined);
    queueArn = attributes?.Attributes?.QueueArn ?? queueArn;
    while (!abort.signal.aborted) {
      try {
        const batch = await gatherBatch();
        if (batch.length) await handle(batch);
      } catch (e) {
        if (abort.signal.aborted) break;
        localLog.error('queue poll failed', e, { queue: definition.id });
        await new Promise((r) => setTimeout(r, ERROR_PAUSE_MS * (0.5 + Math.random())));
      }
    }
  })();

  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

function toRecord(m: Message, queueArn: string): SQSRecord {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(a.MessageGroupId ? { MessageGroupId: a.MessageGroupId } : {}),
      ...(a.MessageDeduplicationId ? { MessageDeduplicationId: a.MessageDeduplicationId } : {}),
      ...(a.SequenceNumber ? { SequenceNumber: a.SequenceNumber } : {}),
    },
    messageAttributes: toLambdaAttributes(m.MessageAttributes ?? {}),
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

/** Lambda spells message attributes in camelCase (`stringValue`, `dataType`) where SQS uses PascalCase. */
function toLambdaAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, v] of Object.entries(attributes)) {
    out[name] = {
      dataType: v.DataType ?? 'String',
      ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      ...(v.BinaryValue !== undefined ? { binaryValue: Buffer.from(v.BinaryValue).toString('base64') } : {}),
      stringListValues: v.StringListValues ?? [],
      binaryListValues: (v.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
    };
  }
  return out;
}
