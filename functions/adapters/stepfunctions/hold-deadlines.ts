import type { StepFunctions } from '#platform/clients/sfn';
import type { HoldDeadlines } from '#services/reservations/ports';

const named = (error: unknown, name: string) => (error as Error | undefined)?.name === name;

/**
 * One execution of the hold-deadline state machine per hold, named after the reservation, so starting twice is a
 * no-op and stopping needs no stored execution ARN.
 */
export function stepFunctionsHoldDeadlines(sfn: () => StepFunctions, stateMachineArn: () => string): HoldDeadlines {
  return {
    async start(reservationId, holdExpiresAt) {
      try {
        await sfn().startExecution({ stateMachineArn: stateMachineArn(), name: reservationId, input: JSON.stringify({ reservationId, holdExpiresAt }) });
      } catch (e) {
        if (!named(e, 'ExecutionAlreadyExists')) throw e;
      }
    },
    async stop(reservationId) {
      try {
        await sfn().stopExecution({ executionArn: executionArn(stateMachineArn(), reservationId), cause: 'reservation settled' });
      } catch (e) {
        if (!named(e, 'ExecutionDoesNotExist')) throw e;
      }
    },
  };
}

/** arn:aws:states:<region>:<account>:stateMachine:<name> → arn:aws:states:<region>:<account>:execution:<name>:<execution>. */
export function executionArn(stateMachineArn: string, executionName: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length < 7 || parts[5] !== 'stateMachine') throw new Error(`not a state machine ARN: ${stateMachineArn}`);
  return [...parts.slice(0, 5), 'execution', parts[6], executionName].join(':');
}
