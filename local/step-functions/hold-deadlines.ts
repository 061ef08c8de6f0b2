import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { HoldDeadlinesDefinition } from '../../lib/capabilities/types';
import { HoldDeadlineStates, HoldDeadlines } from '../../lib/constructs/hold-deadlines';
import { systemManifest } from '../../lib/stacks/system-manifest';
import { stateMachineFromConstruct, type LocalStateMachine } from './from-construct';

/** The name the ARN carries (`…:stateMachine:HoldDeadlines`). */
const NAME = 'HoldDeadlines';
const SYNTH_TIMEOUT_MS = 120_000;

/**
 * The hold-deadline state machine exactly as CDK deploys it (the same construct, synthesized), with both of its
 * Lambda tasks mapped to the capability's declared expire handler.
 */
export function holdDeadlinesMachine(declared: HoldDeadlinesDefinition): LocalStateMachine {
  const machine = stateMachineFromConstruct(
    (stack) => {
      // Only the ARN reaches the definition; the local runner replaces the invoke with the handler.
      const expireFunction = LambdaFunction.fromFunctionArn(stack, 'Expire', `arn:aws:lambda:us-east-1:000000000000:function:${NAME}-expire`);
      return new HoldDeadlines(stack, NAME, { expireFunction }).stateMachine;
    },
    { [HoldDeadlineStates.ExpireHold]: declared.expireHandler, [HoldDeadlineStates.ExpirePayment]: declared.expireHandler },
  );
  return { ...machine, name: NAME };
}

/**
 * Synthesis is seconds of synchronous CPU; run in a child process it overlaps the services' start and the seed
 * instead of stalling the event loop they share. Prints the declared machine as JSON when run as a script.
 */
export function synthesizeDeclaredHoldDeadlines(): Promise<LocalStateMachine> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), timeout: SYNTH_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, SYNTH_HOLD_DEADLINES: '1' } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`Synthesizing the hold-deadline state machine failed: ${error.message}\n${stderr}`));
        resolve(JSON.parse(stdout) as LocalStateMachine);
      },
    );
  });
}

if (process.env.SYNTH_HOLD_DEADLINES === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  const declared = systemManifest.holdDeadlines;
  if (!declared) throw new Error('No capability declares holdDeadlines');
  process.stdout.write(JSON.stringify(holdDeadlinesMachine(declared)));
}
