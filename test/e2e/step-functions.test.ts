import { describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, StateMachineDoesNotExist, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { Duration } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, StateMachine, TaskInput, Wait, WaitTime } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { redis } from '#platform/clients';
import { stateMachineFromConstruct } from '../../local/step-functions/from-construct';
import { recordKey } from '../fixtures/recorders';
import { eventually, fixture, useLocalCloud } from '../helpers/local-cloud';

const cloud = useLocalCloud({ routes: [] });

/** A small deadline machine like the real one: wait until `holdExpiresAt`, then invoke a Lambda task. */
const deadlineMachine = () =>
  stateMachineFromConstruct(
    (stack) => {
      const expire = new LambdaFunction(stack, 'Expire', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => ({})') });
      const wait = new Wait(stack, 'WaitForDeadline', { time: WaitTime.timestampPath('$.holdExpiresAt') });
      const task = new LambdaInvoke(stack, 'ExpireHold', {
        lambdaFunction: expire,
        payload: TaskInput.fromObject({ 'reservationId.$': '$.reservationId' }),
        resultSelector: { 'status.$': '$.Payload.status' },
      });
      return new StateMachine(stack, 'Deadline', { definitionBody: DefinitionBody.fromChainable(wait.next(task)), timeout: Duration.hours(1) });
    },
    { ExpireHold: fixture('recorders', 'expireTask') },
  );

const sfn = () => new SFNClient({ endpoint: cloud().env.AWS_ENDPOINT_URL_SFN });
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const deadlinePayloads = async () => (await redis().lrange(recordKey('deadline'), 0, -1)).map((r) => JSON.parse(r) as { reservationId: string });

describe('the local Step Functions endpoint', () => {
  let stateMachineArn = '';

  it('runs the CDK-synthesized definition: waits for the timestamp, then runs the Lambda task locally', async () => {
    stateMachineArn = cloud().registerStateMachine(deadlineMachine());
    const client = sfn();
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'hold-r1', input: JSON.stringify({ reservationId: 'r1', holdExpiresAt: inSeconds(3) }) }),
    );
    expect(executionArn).toBe(`arn:aws:states:us-east-1:000000000000:execution:Deadline:hold-r1`);
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    const done = await eventually(() => client.send(new DescribeExecutionCommand({ executionArn })), (d) => d.status !== 'RUNNING');
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}')).toEqual({ status: 'EXPIRED' });
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(await deadlinePayloads()).toContainEqual({ reservationId: 'r1' });
    client.destroy();
  });

  it('aborts an execution on StopExecution before its task runs', async () => {
    const client = sfn();
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ reservationId: 'r2', holdExpiresAt: inSeconds(2) }) }),
    );
    await client.send(new StopExecutionCommand({ executionArn, error: 'Paid', cause: 'payment captured' }));
    const stopped = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Paid', cause: 'payment captured' });
    // Past the original deadline, the task has still not run.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await deadlinePayloads()).map((p) => p.reservationId)).not.toContain('r2');
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    client.destroy();
  });

  it('raises the SDK errors for unknown machines and executions', async () => {
    const client = sfn();
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Nope' }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(client.send(new DescribeExecutionCommand({ executionArn: `${stateMachineArn.replace('stateMachine', 'execution')}:nope` }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    client.destroy();
  });
});
