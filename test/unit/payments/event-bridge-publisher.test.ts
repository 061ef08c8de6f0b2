import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { DetailType, EVENT_SOURCE } from '#domain/events';
import { resetConfigCache } from '#platform/config';

const bridge = mockClient(EventBridgeClient);

beforeEach(() => {
  process.env.EVENT_BUS_NAME = 'ticketrush-unit';
  resetConfigCache();
  bridge.reset();
});
afterEach(() => resetConfigCache());

describe('EventBridgePublisher', () => {
  it('puts each event with the ticketrush source, its detail type and JSON detail on the configured bus', async () => {
    bridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    await new EventBridgePublisher().publish({ detailType: DetailType.PaymentCaptured, detail: { intentId: 'i1', amount: 1000 } });
    expect(bridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries).toEqual([
      { Source: EVENT_SOURCE, DetailType: 'PaymentCaptured', Detail: '{"intentId":"i1","amount":1000}', EventBusName: 'ticketrush-unit' },
    ]);
  });

  it('splits more than ten events into several calls', async () => {
    bridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    const events = Array.from({ length: 23 }, (_, i) => ({ detailType: DetailType.PaymentCaptured, detail: { i } }));
    await new EventBridgePublisher().publish(...events);
    expect(bridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([10, 10, 3]);
  });

  it('throws when EventBridge refuses an entry, so the caller can retry', async () => {
    bridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }] });
    await expect(new EventBridgePublisher().publish({ detailType: DetailType.PaymentCaptured, detail: {} })).rejects.toThrow(/ThrottlingException/);
  });
});
