import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Each alarms as soon as one message is waiting. @default [] */
  readonly deadLetterQueues?: readonly IQueue[];
  /**
   * Each alarms on any error in five minutes: the asynchronous workers, whose failures no caller sees. Functions
   * behind an API are covered by the API's 5XX alarm (an alarm per function would cost a resource each). @default []
   */
  readonly functions?: readonly IFunction[];
  /** Alarms on any 5XX in five minutes. @default - none */
  readonly restApi?: RestApi;
  /** Alarms on any failed execution (a deadline that could not expire its hold). @default - none */
  readonly stateMachine?: IStateMachine;
}

/** The alarms an operator must see: stuck messages, failing workers, server errors, failed deadlines. */
export class Alarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const anyOf = (alarmId: string, description: string, metric: IMetric) =>
      this.alarms.push(
        new Alarm(this, alarmId, {
          metric,
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: description,
        }),
      );
    for (const q of props.deadLetterQueues ?? []) {
      const name = `${q.node.scope?.node.id ?? ''}${q.node.id}`;
      anyOf(`${name}Depth`, `Messages are waiting in ${name}`, q.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }));
    }
    for (const fn of props.functions ?? []) {
      anyOf(`${fn.node.id}Errors`, `Errors in ${fn.node.id}`, fn.metricErrors({ period, statistic: 'Sum' }));
    }
    if (props.restApi) anyOf('Api5xx', 'The REST API answered with 5XX', props.restApi.metricServerError({ period, statistic: 'Sum' }));
    if (props.stateMachine) {
      anyOf('DeadlineExecutionsFailed', 'A hold-deadline execution failed', props.stateMachine.metricFailed({ period, statistic: 'Sum' }));
    }
  }
}
