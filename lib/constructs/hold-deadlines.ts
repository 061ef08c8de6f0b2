import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  JitterType,
  JsonPath,
  LogLevel,
  StateMachine,
  Succeed,
  TaskInput,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from './nag-acknowledgements';

/** Task state names; the local cloud maps Task states to local handlers by these names. */
export const HoldDeadlineStates = {
  WaitForHoldDeadline: 'WaitForHoldDeadline',
  ExpireHold: 'ExpireHold',
  IsPaying: 'IsPaying',
  WaitForPaymentDeadline: 'WaitForPaymentDeadline',
  ExpirePayment: 'ExpirePayment',
} as const;

export interface HoldDeadlinesProps {
  /** Invoked with `{ reservationId, phase: 'HOLD' | 'PAYING' }`; returns `{ status, paymentExpiresAt? }`. */
  readonly expireFunction: IFunction;
  /** Holds and payments each last at most an hour (sales-policy TTLs ≤ 3600 s), so three hours is ample. @default Duration.hours(3) */
  readonly timeout?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * One execution per hold (input `{ reservationId, holdExpiresAt }`):
 * WaitForHoldDeadline (until `$.holdExpiresAt`) → ExpireHold (phase HOLD; its payload lands in `$.hold.outcome`) →
 * IsPaying (`$.hold.outcome.status == 'PAYING'`) → WaitForPaymentDeadline (until `$.hold.outcome.paymentExpiresAt`) →
 * ExpirePayment (phase PAYING; payload in `$.payment.outcome`) → Done. A hold that was paid, cancelled or expired ends at
 * Done straight after ExpireHold. The expire task's write is conditional, so racing a payment is safe.
 */
export class HoldDeadlines extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: HoldDeadlinesProps) {
    super(scope, id);
    const expire = (name: string, phase: 'HOLD' | 'PAYING', resultPath: string) =>
      new LambdaInvoke(this, name, {
        stateName: name,
        lambdaFunction: props.expireFunction,
        payload: TaskInput.fromObject({ reservationId: JsonPath.stringAt('$.reservationId'), phase }),
        // The whole payload, not its fields: `paymentExpiresAt` is absent unless the hold moved to PAYING, and a
        // selector naming a missing field fails the execution.
        resultSelector: { 'outcome.$': '$.Payload' },
        resultPath,
        retryOnServiceExceptions: false,
      }).addRetry({
        errors: ['States.TaskFailed', 'Lambda.ServiceException', 'Lambda.TooManyRequestsException'],
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 6,
        maxDelay: Duration.seconds(60),
        jitterStrategy: JitterType.FULL,
      });

    const done = new Succeed(this, 'Done');
    const definition = new Wait(this, HoldDeadlineStates.WaitForHoldDeadline, {
      stateName: HoldDeadlineStates.WaitForHoldDeadline,
      time: WaitTime.timestampPath('$.holdExpiresAt'),
    })
      .next(expire(HoldDeadlineStates.ExpireHold, 'HOLD', '$.hold'))
      .next(
        new Choice(this, HoldDeadlineStates.IsPaying, { stateName: HoldDeadlineStates.IsPaying })
          .when(
            Condition.stringEquals('$.hold.outcome.status', 'PAYING'),
            new Wait(this, HoldDeadlineStates.WaitForPaymentDeadline, {
              stateName: HoldDeadlineStates.WaitForPaymentDeadline,
              time: WaitTime.timestampPath('$.hold.outcome.paymentExpiresAt'),
            })
              .next(expire(HoldDeadlineStates.ExpirePayment, 'PAYING', '$.payment'))
              .next(done),
          )
          .otherwise(done),
      );

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: props.timeout ?? Duration.hours(3),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', {
          retention: props.logRetention ?? RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    const role = this.stateMachine.role;
    acknowledge(role, 'IAM5[Resource::*]', 'X-Ray tracing and CloudWatch Logs delivery actions accept only *');
    acknowledgeWildcardResource(role, `${props.expireFunction.functionArn}:*`, 'LambdaInvoke may call any version or alias of the one expire function');
  }
}
