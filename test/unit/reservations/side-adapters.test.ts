import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { executionArn, stepFunctionsHoldDeadlines } from '#adapters/stepfunctions/hold-deadlines';
import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';

const machine = 'arn:aws:states:ap-northeast-2:123456789012:stateMachine:HoldDeadlines';

describe('the Step Functions hold-deadline adapter', () => {
  const sfnMock = mockClient(SFNClient);
  const deadlines = stepFunctionsHoldDeadlines(async () => ({ client: new SFNClient({ region: 'ap-northeast-2' }), sdk: await import('@aws-sdk/client-sfn') }), () => machine);

  it('starts an execution named after the reservation with its deadline as input', async () => {
    sfnMock.reset().on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    await deadlines.start('R1', '2026-12-24T11:05:00.000Z');
    expect(sfnMock.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({ stateMachineArn: machine, name: 'R1', input: '{"reservationId":"R1","holdExpiresAt":"2026-12-24T11:05:00.000Z"}' });
  });

  it('treats an execution that already exists as started', async () => {
    sfnMock.reset().on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(deadlines.start('R1', '2026-12-24T11:05:00.000Z')).resolves.toBeUndefined();
  });

  it('passes any other failure to the caller, which keeps the hold and logs it', async () => {
    sfnMock.reset().on(StartExecutionCommand).rejects(new Error('throttled'));
    await expect(deadlines.start('R1', '2026-12-24T11:05:00.000Z')).rejects.toThrow('throttled');
  });

  it('stops the execution by its derived ARN and ignores one that is gone', async () => {
    sfnMock.reset().on(StopExecutionCommand).rejectsOnce(new ExecutionDoesNotExist({ message: 'gone', $metadata: {} })).resolves({ stopDate: new Date() });
    await deadlines.stop('R2');
    expect(sfnMock.commandCalls(StopExecutionCommand)[0]?.args[0].input.executionArn).toBe('arn:aws:states:ap-northeast-2:123456789012:execution:HoldDeadlines:R2');
  });

  it('refuses to derive an execution ARN from something that is not a state machine ARN', () => {
    expect(() => executionArn('arn:aws:lambda:x:1:function:f', 'R')).toThrow(/not a state machine/);
  });
});

describe('the EventBridge publisher', () => {
  const ebMock = mockClient(EventBridgeClient);
  const publisher = eventBridgePublisher(async () => ({ client: new EventBridgeClient({ region: 'ap-northeast-2' }), sdk: await import('@aws-sdk/client-eventbridge') }), () => 'bus');

  it('sends events in batches of 10 with the shared source', async () => {
    ebMock.reset().on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    await publisher.publish(Array.from({ length: 12 }, (_, i) => ({ detailType: 'SeatsReleased' as const, detail: { i } })));
    const calls = ebMock.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries?.length)).toEqual([10, 2]);
    expect(calls[0]?.args[0].input.Entries?.[0]).toEqual({ Source: 'ticketrush', DetailType: 'SeatsReleased', Detail: '{"i":0}', EventBusName: 'bus' });
  });

  it('fails loudly when EventBridge drops entries', async () => {
    ebMock.reset().on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] });
    await expect(publisher.publish([{ detailType: 'ReservationHeld', detail: {} }])).rejects.toThrow('InternalFailure: boom');
  });
});
