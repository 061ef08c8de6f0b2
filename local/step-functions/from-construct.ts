import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnStateMachine, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { HandlerRef } from '../../lib/capabilities/types';
import { resolveIntrinsics } from './intrinsics';

/** A state machine as the local Step Functions endpoint runs it: the CDK definition plus local Task handlers. */
export interface LocalStateMachine {
  name: string;
  definition: StateMachineDefinition;
  /** Task state name → the handler that stands in for the Lambda function the state invokes. */
  taskHandlers: Record<string, HandlerRef>;
}

/**
 * Synthesizes `build` in a throwaway CDK app (asset bundling skipped) and returns the definition exactly as
 * CloudFormation would receive it, intrinsics resolved. The same construct deploys to AWS, so the two cannot drift.
 */
export function stateMachineFromConstruct(build: (stack: Stack) => StateMachine, taskHandlers: Record<string, HandlerRef>): LocalStateMachine {
  const outdir = mkdtempSync(join(tmpdir(), 'ticketrush-sfn-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'LocalStateMachine', { env: { account: '000000000000', region: 'us-east-1' } });
    const machine = build(stack);
    const logicalId = stack.getLogicalId(machine.node.defaultChild as CfnStateMachine);
    const template = app.synth().getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type?: string; Properties?: { DefinitionString?: unknown } }>;
    };
    const definitionString = template.Resources[logicalId]?.Properties?.DefinitionString;
    if (definitionString === undefined) throw new Error(`No DefinitionString on ${logicalId}`);
    const definition = JSON.parse(resolveIntrinsics(definitionString, template.Resources)) as StateMachineDefinition;
    const taskStates = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task').map(([name]) => name);
    const unmapped = taskStates.filter((name) => !taskHandlers[name]);
    if (unmapped.length) throw new Error(`Task states without a local handler: ${unmapped.join(', ')}`);
    return { name: machine.node.id, definition, taskHandlers };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
