import { describe, expect, it } from 'vitest';
import { ReceiveMessageCommand, DeleteMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { sqs } from '#platform/clients';
import { drainBufferedJoins } from '#services/waiting-room/buffered-joins';
import { handler as joinConsumer } from '../../../functions/workers/join-consumer';
import { config, harness, newConcertId, users } from './harness';

const queueUrl = () => process.env.JOIN_QUEUE_URL!;

/** Receives this concert's joins from the queue (as the Lambda event source would) and deletes them. */
async function receiveAll(concertId: string, expected: number): Promise<SQSRecord[]> {
  const records: SQSRecord[] = [];
  for (let attempt = 0; records.length < expected && attempt < 50; attempt++) {
    const r = await (await sqs()).client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(), MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
    for (const m of r.Messages ?? []) {
      if (JSON.parse(m.Body!).concertId !== concertId) continue; // another test file's join
      records.push({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body!,
        attributes: m.Attributes as unknown as SQSRecord['attributes'],
        messageAttributes: {},
        md5OfBody: m.MD5OfBody!,
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:join',
        awsRegion: 'us-east-1',
      });
    }
    if (r.Messages?.length) {
      await (await sqs()).client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl(), Entries: r.Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    }
  }
  return records;
}

const shuffled = <T>(xs: T[]) => xs.map((x) => [Math.random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

describe('buffered joins through SQS', () => {
  it('answers PENDING, and the consumer places joins in enqueue order whatever order the batch arrives in', async () => {
    const { wr, push } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ mode: 'buffered' }));
    const joiners = users(40, 'b');
    await wr.subscriptions.subscribe(concertId, 'conn-b00007', 'b00007');
    for (const u of joiners) {
      expect(await wr.queue.join(concertId, u)).toMatchObject({ status: 'PENDING', ticketId: expect.any(String) });
    }
    expect(await wr.queue.status(concertId, 'b00000')).toMatchObject({ status: 'NONE' });

    const records = await receiveAll(concertId, joiners.length);
    expect(records).toHaveLength(joiners.length);
    const sentAt = new Map(records.map((r) => [JSON.parse(r.body).userId as string, Number(r.attributes.SentTimestamp)]));

    const batches = [records.slice(0, 10), records.slice(10, 25), records.slice(25)];
    for (const batch of batches) {
      const failed = await drainBufferedJoins(
        shuffled(batch).map((r) => ({ messageId: r.messageId, body: r.body, sentAtMs: Number(r.attributes.SentTimestamp) })),
        wr.queue,
        wr.subscriptions,
      );
      expect(failed).toEqual([]);
    }
    const positions = new Map<string, number>();
    for (const u of joiners) positions.set(u, (await wr.queue.status(concertId, u)).position);
    expect([...positions.values()].sort((a, b) => a - b)).toEqual(joiners.map((_, i) => i + 1));
    for (const a of joiners) for (const b of joiners) if (sentAt.get(a)! < sentAt.get(b)!) expect(positions.get(a)!).toBeLessThan(positions.get(b)!);
    expect(push.to('conn-b00007')).toEqual([expect.objectContaining({ type: 'RANK_UPDATE', position: positions.get('b00007') })]);
  });

  it('drops malformed messages, retries only the transient failures, and stays idempotent on redelivery', async () => {
    const { wr, ports } = harness();
    let failNext = true;
    const flaky = harness({
      line: {
        ...ports.line,
        join: async (...args) => {
          if (args[1] === 'flaky' && failNext) {
            failNext = false;
            throw new Error('connection reset');
          }
          return ports.line.join(...args);
        },
      },
    });
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ mode: 'buffered' }));
    const body = (userId: string) => JSON.stringify({ concertId, userId, ticketId: `t-${userId}` });
    const batch = [
      { messageId: 'm1', body: body('first'), sentAtMs: 1 },
      { messageId: 'm2', body: '{"nope":', sentAtMs: 2 },
      { messageId: 'm3', body: body('flaky'), sentAtMs: 3 },
      { messageId: 'm4', body: body('first'), sentAtMs: 4 },
    ];
    expect(await drainBufferedJoins(batch, flaky.wr.queue, flaky.wr.subscriptions)).toEqual(['m3']);
    expect(await drainBufferedJoins([batch[2]!], flaky.wr.queue, flaky.wr.subscriptions)).toEqual([]);
    expect(await wr.queue.status(concertId, 'first')).toMatchObject({ position: 1 });
    expect(await wr.queue.status(concertId, 'flaky')).toMatchObject({ position: 2 });
  });

  it('runs as the SQS Lambda handler with partial batch responses', async () => {
    const { wr } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ mode: 'buffered' }));
    for (const u of ['h1', 'h2']) {
      await (await sqs()).client.send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: JSON.stringify({ concertId, userId: u, ticketId: `t-${u}` }) }));
    }
    const records = await receiveAll(concertId, 2);
    const event: SQSEvent = { Records: records.reverse() };
    expect(await joinConsumer(event)).toEqual({ batchItemFailures: [] });
    expect(await wr.queue.status(concertId, 'h1')).toMatchObject({ status: 'WAITING' });
    expect((await wr.queue.stats(concertId)).waiting).toBe(2);
  });
});
