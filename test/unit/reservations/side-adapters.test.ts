import { describe, expect, it } from 'vitest';
import { executionArn, stepFunctionsHoldDeadlines } from '#adapters/stepfunctions/hold-deadlines';
import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { AwsServiceException } from '#platform/clients/aws-service-errors';
import type { StepFunctions } from '#platform/clients/sfn';
import type { EventBridge, EventEntry, PutEventsAnswer } from '#platform/clients/event-bridge';

const machine = 'arn:aws:states:ap-northeast-2:123456789012:stateMachine:HoldDeadlines';
const refusal = (name: string) => new AwsServiceException(name, { message: name, status: 400 });

/** A Step Functions client whose answers the test scripts, one per call, and which records what it was asked. */
function scriptedSfn(...answers: Array<Error | undefined>) {
  const calls: Array<[string, unknown]> = [];
  const answer = async (call: string, input: unknown) => {
    calls.push([call, input]);
    const next = answers.shift();
    if (next) throw next;
  };
  const client: StepFunctions = {
    startExecution: async (input) => (await answer('start', input), { executionArn: 'x' }),
    stopExecution: (input) => answer('stop', input),
    destroy: () => {},
  };
  return { client, calls };
}

describe('the Step Functions hold-deadline adapter', () => {
  it('starts an execution named after the reservation with its deadline as input', async () => {
    const sfn = scriptedSfn();
    await stepFunctionsHoldDeadlines(() => sfn.client, () => machine).start('R1', '2026-12-24T11:05:00.000Z');
    expect(sfn.calls).toEqual([['start', { stateMachineArn: machine, name: 'R1', input: '{"reservationId":"R1","holdExpiresAt":"2026-12-24T11:05:00.000Z"}' }]]);
  });

  it('treats an execution that already exists as started', async () => {
    const sfn = scriptedSfn(refusal('ExecutionAlreadyExists'));
    await expect(stepFunctionsHoldDeadlines(() => sfn.client, () => machine).start('R1', '2026-12-24T11:05:00.000Z')).resolves.toBeUndefined();
  });

  it('passes any other failure to the caller, which keeps the hold and logs it', async () => {
    const sfn = scriptedSfn(refusal('ThrottlingException'));
    await expect(stepFunctionsHoldDeadlines(() => sfn.client, () => machine).start('R1', '2026-12-24T11:05:00.000Z')).rejects.toThrow('ThrottlingException');
  });

  it('stops the execution by its derived ARN and ignores one that is gone', async () => {
    const sfn = scriptedSfn(refusal('ExecutionDoesNotExist'));
    const deadlines = stepFunctionsHoldDeadlines(() => sfn.client, () => machine);
    await deadlines.stop('R2');
    await deadlines.stop('R2');
    expect(sfn.calls).toEqual([
      ['stop', { executionArn: 'arn:aws:states:ap-northeast-2:123456789012:execution:HoldDeadlines:R2', cause: 'reservation settled' }],
      ['stop', { executionArn: 'arn:aws:states:ap-northeast-2:123456789012:execution:HoldDeadlines:R2', cause: 'reservation settled' }],
    ]);
  });

  it('refuses to derive an execution ARN from something that is not a state machine ARN', () => {
    expect(() => executionArn('arn:aws:lambda:x:1:function:f', 'R')).toThrow(/not a state machine/);
  });
});

describe('the EventBridge publisher', () => {
  /** An EventBridge client that answers every PutEvents with `answer` and records the batches. */
  function recordingBus(answer: PutEventsAnswer) {
    const batches: EventEntry[][] = [];
    const client: EventBridge = {
      putEvents: async (entries) => (batches.push(entries), answer),
      enableRule: async () => {},
      disableRule: async () => {},
      destroy: () => {},
    };
    return { client, batches };
  }

  it('sends events in batches of 10 with the shared source', async () => {
    const bus = recordingBus({ FailedEntryCount: 0, Entries: [] });
    await eventBridgePublisher(() => bus.client, () => 'bus').publish(Array.from({ length: 12 }, (_, i) => ({ detailType: 'SeatsReleased' as const, detail: { i } })));
    expect(bus.batches.map((b) => b.length)).toEqual([10, 2]);
    expect(bus.batches[0]?.[0]).toEqual({ Source: 'ticketrush', DetailType: 'SeatsReleased', Detail: '{"i":0}', EventBusName: 'bus' });
  });

  it('fails loudly when EventBridge drops entries', async () => {
    const bus = recordingBus({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] });
    await expect(eventBridgePublisher(() => bus.client, () => 'bus').publish([{ detailType: 'ReservationHeld', detail: {} }])).rejects.toThrow('InternalFailure: boom');
  });
});
