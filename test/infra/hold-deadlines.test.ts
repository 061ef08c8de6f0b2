import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { HoldDeadlines } from '../../lib/constructs/hold-deadlines';

interface State {
  Type: string;
  Next?: string;
  End?: boolean;
  TimestampPath?: string;
  Parameters?: Record<string, unknown>;
  ResultSelector?: Record<string, unknown>;
  ResultPath?: string;
  Retry?: { ErrorEquals: string[]; BackoffRate: number; MaxAttempts: number; JitterStrategy?: string }[];
  Choices?: { Variable: string; StringEquals: string; Next: string }[];
  Default?: string;
}

/** The state machine definition with CloudFormation tokens replaced by placeholders. */
function definitionOf(template: Template): { StartAt: string; States: Record<string, State>; TimeoutSeconds: number } {
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0]!;
  const parts = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'arn:placeholder')).join(''));
}

describe('HoldDeadlines', () => {
  const stack = new Stack(new App(), 'Deadlines');
  const expireFunction = new LambdaFn(stack, 'Expire', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler=async()=>({})') });
  new HoldDeadlines(stack, 'HoldDeadlines', { expireFunction });
  const template = Template.fromStack(stack);
  const def = definitionOf(template);

  it('waits for the hold deadline, expires the hold, and branches on PAYING', () => {
    expect(def.StartAt).toBe('WaitForHoldDeadline');
    expect(def.States.WaitForHoldDeadline).toMatchObject({ Type: 'Wait', TimestampPath: '$.holdExpiresAt', Next: 'ExpireHold' });
    expect(def.States.ExpireHold).toMatchObject({
      Type: 'Task',
      Parameters: { FunctionName: 'arn:placeholder', Payload: { 'reservationId.$': '$.reservationId', phase: 'HOLD' } },
      ResultSelector: { 'outcome.$': '$.Payload' },
      ResultPath: '$.hold',
      Next: 'IsPaying',
    });
    expect(def.States.IsPaying).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.hold.outcome.status', StringEquals: 'PAYING', Next: 'WaitForPaymentDeadline' }],
      Default: 'Done',
    });
  });

  it('waits for the payment deadline returned by the task, then expires the payment', () => {
    expect(def.States.WaitForPaymentDeadline).toMatchObject({ Type: 'Wait', TimestampPath: '$.hold.outcome.paymentExpiresAt', Next: 'ExpirePayment' });
    expect(def.States.ExpirePayment).toMatchObject({
      Type: 'Task',
      Parameters: { Payload: { 'reservationId.$': '$.reservationId', phase: 'PAYING' } },
      Next: 'Done',
    });
    expect(def.States.Done).toEqual({ Type: 'Succeed' });
  });

  it('retries failed expire tasks with jittered exponential backoff, a bounded number of times', () => {
    for (const name of ['ExpireHold', 'ExpirePayment']) {
      const [retry] = def.States[name]!.Retry!;
      expect(retry).toMatchObject({ ErrorEquals: expect.arrayContaining(['States.TaskFailed']), BackoffRate: 2, MaxAttempts: 6, JitterStrategy: 'FULL' });
    }
  });

  it('bounds every execution and traces and logs it', () => {
    expect(def.TimeoutSeconds).toBe(3 * 60 * 60);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
  });
});
