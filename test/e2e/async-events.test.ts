import { describe, expect, it } from 'vitest';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { eventBridge, redis, sqs } from '#platform/clients';
import { DetailType, EVENT_SOURCE } from '#domain/events';
import { recordKey } from '../fixtures/recorders';
import { eventually, fixture, useLocalCloud } from '../helpers/local-cloud';

const cloud = useLocalCloud({
  routes: [],
  queues: [
    {
      id: 'FixtureQueue',
      urlEnv: 'JOIN_QUEUE_URL',
      need: 'joinQueue',
      consumer: fixture('recorders', 'consumeQueue'),
      consumerNeeds: ['redis'],
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      visibilityTimeoutSeconds: 1,
      maxReceiveCount: 2,
    },
  ],
  eventRules: [{ id: 'Expired', detailTypes: [DetailType.ReservationExpired, DetailType.ReservationCancelled], target: fixture('recorders', 'onReservationEvent'), needs: ['redis'] }],
  schedules: [{ id: 'Tick', handler: fixture('recorders', 'onTick'), needs: ['redis'], localIntervalMs: 200 }],
});

const recorded = async (name: string) => (await redis().lrange(recordKey(name), 0, -1)).map((r) => JSON.parse(r) as Record<string, unknown>);

describe('the SQS event source', () => {
  it('deletes what the consumer handled and retries failed items until they land in the DLQ', async () => {
    const queueUrl = cloud().env.JOIN_QUEUE_URL;
    await (await sqs()).client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', MessageBody: JSON.stringify({ id: 'ok-1' }) },
          { Id: 'b', MessageBody: JSON.stringify({ id: 'poison', fail: true }) },
          { Id: 'c', MessageBody: JSON.stringify({ id: 'ok-2' }) },
        ],
      }),
    );
    const handled = await eventually(() => recorded('queue'), (r) => r.length >= 2);
    expect(handled.map((r) => r.id).sort()).toEqual(['ok-1', 'ok-2']);
    expect(handled[0]).toMatchObject({ receiveCount: '1', source: 'aws:sqs' });

    const { QueueUrl: dlqUrl } = await (await sqs()).client.send(new GetQueueUrlCommand({ QueueName: 'ticketrush-local-FixtureQueue-dlq' }));
    const dead = await eventually(
      async () => (await (await sqs()).client.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }))).Messages ?? [],
      (m) => m.length > 0,
      20_000,
    );
    expect(dead.map((m) => JSON.parse(m.Body ?? '{}').id)).toEqual(['poison']);
    // The good messages were deleted, not redelivered.
    expect((await recorded('queue')).length).toBe(2);
  });
});

describe('the EventBridge endpoint', () => {
  it('delivers an event to the targets of matching rules only, in the EventBridge event shape', async () => {
    const out = await eventBridge().putEvents([
      { Source: EVENT_SOURCE, DetailType: DetailType.ReservationExpired, Detail: JSON.stringify({ reservationId: 'r-1' }), EventBusName: cloud().env.EVENT_BUS_NAME },
      { Source: EVENT_SOURCE, DetailType: DetailType.SeatsReleased, Detail: JSON.stringify({ reservationId: 'r-2' }), EventBusName: cloud().env.EVENT_BUS_NAME },
      { Source: 'someone-else', DetailType: DetailType.ReservationExpired, Detail: JSON.stringify({ reservationId: 'r-3' }), EventBusName: cloud().env.EVENT_BUS_NAME },
      { Source: EVENT_SOURCE, DetailType: DetailType.ReservationCancelled, Detail: JSON.stringify({ reservationId: 'r-4' }), EventBusName: cloud().env.EVENT_BUS_NAME },
    ]);
    expect(out.FailedEntryCount).toBe(0);
    const events = await eventually(() => recorded('events'), (r) => r.length >= 2);
    expect(events.map((e) => (e.detail as { reservationId: string }).reservationId).sort()).toEqual(['r-1', 'r-4']);
    const expired = events.find((e) => e['detail-type'] === DetailType.ReservationExpired);
    expect(expired).toMatchObject({ version: '0', source: EVENT_SOURCE, account: '000000000000', region: 'us-east-1', detail: { reservationId: 'r-1' } });
    expect(expired?.id).toBe(out.Entries?.[0]?.EventId);
    expect(expired?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('reports an entry with malformed Detail as failed and delivers nothing for it', async () => {
    const out = await eventBridge().putEvents([{ Source: EVENT_SOURCE, DetailType: DetailType.ReservationExpired, Detail: '{oops' }]);
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries?.[0]?.ErrorCode).toBe('MalformedDetail');
  });
});

describe('schedules', () => {
  it('invokes the scheduled handler repeatedly with a scheduled event', async () => {
    const ticks = await eventually(() => recorded('ticks'), (r) => r.length >= 2);
    expect(ticks[0]).toEqual({ source: 'aws.events', detailType: 'Scheduled Event' });
  });
});
