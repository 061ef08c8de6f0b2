import './polyfill';
import { randomUUID } from 'node:crypto';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { AwsServiceError, awsJsonEndpoint } from '../aws-json-endpoint';
import { invoke } from '../invoke';
import { localLog } from '../log';
import type { LocalStateMachine } from './from-construct';

type JsonValue = Parameters<StateMachine['run']>[0];
type Status = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: Status;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  abort(): void;
}

const PREFIX = 'arn:aws:states:us-east-1:000000000000';
/** Finished executions kept for DescribeExecution; older ones are forgotten so a long local run stays bounded. */
const MAX_FINISHED = 10_000;

/** Optimized integration (`arn:aws:states:::lambda:invoke`): the handler gets `Payload`, the state sees `{ Payload }`. */
const OPTIMIZED_LAMBDA = /^arn:aws:states:::lambda:invoke/;

/**
 * Registered state machines and their executions, run in process by aws-local-stepfunctions with Task states
 * mapped to local handlers.
 */
export class StepFunctionsRunner {
  private readonly machines = new Map<string, { machine: StateMachine; local: LocalStateMachine }>();
  private readonly executions = new Map<string, Execution>();

  register(local: LocalStateMachine): string {
    const arn = `${PREFIX}:stateMachine:${local.name}`;
    this.machines.set(arn, { machine: new StateMachine(local.definition, { validationOptions: { checkArn: false } }), local });
    return arn;
  }

  start(stateMachineArn: string, name: string | undefined, input: string | undefined): Execution {
    const registered = this.machines.get(stateMachineArn);
    if (!registered) throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    const executionName = name ?? randomUUID();
    const executionArn = `${PREFIX}:execution:${registered.local.name}:${executionName}`;
    const existing = this.executions.get(executionArn);
    const inputText = input ?? '{}';
    // StartExecution is idempotent for the same name and input while the execution runs.
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(inputText) as JsonValue;
    } catch {
      throw new AwsServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
    }
    const startDate = new Date();
    const run = registered.machine.run(parsed, {
      noThrowOnAbort: true,
      overrides: { taskResourceLocalHandlers: taskOverrides(registered.local) },
      context: {
        Execution: { Id: executionArn, Name: executionName, Input: parsed, StartTime: startDate.toISOString() },
        StateMachine: { Id: stateMachineArn, Name: registered.local.name },
      },
    });
    const execution: Execution = {
      executionArn,
      stateMachineArn,
      name: executionName,
      input: inputText,
      status: 'RUNNING',
      startDate,
      abort: run.abort,
    };
    this.executions.set(executionArn, execution);
    run.result.then(
      (output) => {
        if (execution.status !== 'RUNNING') return;
        this.finish(execution, 'SUCCEEDED');
        execution.output = JSON.stringify(output ?? null);
      },
      (e: unknown) => {
        if (execution.status !== 'RUNNING') return;
        const timedOut = e instanceof Error && e.name === 'ExecutionTimeoutError';
        this.finish(execution, timedOut ? 'TIMED_OUT' : 'FAILED');
        execution.error = e instanceof Error ? e.name : 'Error';
        execution.cause = e instanceof Error ? e.message : String(e);
        localLog.info('execution failed', { executionArn, error: execution.error, cause: execution.cause });
      },
    );
    return execution;
  }

  stop(executionArn: string, error?: string, cause?: string): Execution {
    const execution = this.describe(executionArn);
    if (execution.status === 'RUNNING') {
      this.finish(execution, 'ABORTED');
      execution.error = error;
      execution.cause = cause;
      execution.abort();
    }
    return execution;
  }

  describe(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  stopAll(): void {
    for (const e of this.executions.values()) if (e.status === 'RUNNING') this.stop(e.executionArn, 'LocalCloudStopped');
  }

  private finish(execution: Execution, status: Status): void {
    execution.status = status;
    execution.stopDate = new Date();
    if (this.executions.size > MAX_FINISHED) {
      for (const [arn, e] of this.executions) {
        if (e.status !== 'RUNNING') {
          this.executions.delete(arn);
          break;
        }
      }
    }
  }
}

function taskOverrides(local: LocalStateMachine) {
  const resources = taskResources(local.definition);
  return Object.fromEntries(
    Object.entries(local.taskHandlers).map(([state, handler]) => {
      const optimized = OPTIMIZED_LAMBDA.test(resources.get(state) ?? '');
      return [
        state,
        async (input: JsonValue) => {
          if (!optimized) return (await invoke<JsonValue>(handler, input)) ?? null;
          const payload = (input as { Payload?: JsonValue } | null)?.Payload ?? null;
          return { Payload: (await invoke<JsonValue>(handler, payload)) ?? null, StatusCode: 200 };
        },
      ];
    }),
  );
}

/** Task state name → Resource, including states nested in Parallel branches and Map iterators. */
function taskResources(definition: Pick<StateMachineDefinition, 'States'>, into = new Map<string, string>()): Map<string, string> {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') into.set(name, state.Resource);
    if (state.Type === 'Parallel') for (const branch of state.Branches) taskResources(branch, into);
    if (state.Type === 'Map') {
      const inner = state.ItemProcessor ?? state.Iterator;
      if (inner) taskResources(inner, into);
    }
  }
  return into;
}

const epochSeconds = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);

/** The Step Functions JSON 1.0 protocol endpoint `@aws-sdk/client-sfn` talks to. */
export function stepFunctionsEndpoint(runner: StepFunctionsRunner) {
  return awsJsonEndpoint('AWSStepFunctions', 'application/x-amz-json-1.0', {
    StartExecution(input) {
      const e = runner.start(String(input.stateMachineArn ?? ''), input.name as string | undefined, input.input as string | undefined);
      return { executionArn: e.executionArn, startDate: epochSeconds(e.startDate) };
    },
    StopExecution(input) {
      const e = runner.stop(String(input.executionArn ?? ''), input.error as string | undefined, input.cause as string | undefined);
      return { stopDate: epochSeconds(e.stopDate ?? new Date()) };
    },
    DescribeExecution(input) {
      const e = runner.describe(String(input.executionArn ?? ''));
      return {
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: epochSeconds(e.startDate),
        stopDate: epochSeconds(e.stopDate),
        input: e.input,
        output: e.output,
        error: e.error,
        cause: e.cause,
      };
    },
  });
}
