import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { Metric as SaleMetric } from '../../functions/platform/metric-names';
import type { AlarmSettings } from '../stage-config';
import { acknowledge } from './nag-acknowledgements';
import { saleMetric } from './sale-metrics';

export interface AlarmsProps {
  /** Thresholds and the topic's subscribers. */
  readonly settings: AlarmSettings;
  /** Each alarms as soon as one message is waiting. @default [] */
  readonly deadLetterQueues?: readonly IQueue[];
  /** Each alarms when its oldest message is older than `settings.queueOldestMessageSeconds`. @default [] */
  readonly workQueues?: readonly IQueue[];
  /**
   * Each alarms on any error in five minutes: the asynchronous workers, whose failures no caller sees. Functions
   * behind an API are covered by the API's 5XX alarm (an alarm per function would cost a resource each). @default []
   */
  readonly functions?: readonly IFunction[];
  /** Alarms on any 5XX in five minutes and on a 4XX (429 included) rate above the threshold. @default - none */
  readonly restApi?: RestApi;
  /** Alarms on any failed execution (a deadline that could not expire its hold). @default - none */
  readonly stateMachine?: IStateMachine;
  /** Alarms on throttled reads or writes. @default - none */
  readonly table?: ITable;
  /** Alarms when the admission loop ticks too rarely while people wait. @default false */
  readonly admissionLoop?: boolean;
  /** Alarms when the abuse audit's Redis buffer grows instead of draining into the table. @default false */
  readonly abuseAuditSweep?: boolean;
}

/**
 * The alarms an operator must see — stuck messages, failing workers, server errors, failed deadlines, throttling
 * anywhere on the hot path, a stalled admission loop — each notifying one SNS topic whose subscribers (email, chat
 * webhook) come from the stage config. docs/runbook.md says what each one means and what to do.
 */
export class Alarms extends Construct {
  readonly alarms: Alarm[] = [];
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const { settings } = props;
    this.topic = new Topic(this, 'Topic', { displayName: 'TicketRush alarms', enforceSSL: true });
    acknowledge(this.topic, 'SNS2', 'CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key; alarm texts carry no personal data');
    if (settings.email) this.topic.addSubscription(new EmailSubscription(settings.email));
    if (settings.chatWebhookUrl) this.topic.addSubscription(new UrlSubscription(settings.chatWebhookUrl));
    const action = new SnsAction(this.topic);

    const period = Duration.minutes(5);
    const minute = Duration.minutes(1);
    const add = (alarmId: string, description: string, metric: IMetric, threshold: number, options: { below?: boolean; missing?: TreatMissingData } = {}) => {
      const alarm = new Alarm(this, alarmId, {
        metric,
        threshold,
        comparisonOperator: options.below ? ComparisonOperator.LESS_THAN_THRESHOLD : ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };
    const anyOf = (alarmId: string, description: string, metric: IMetric) => add(alarmId, description, metric, 0);

    for (const q of props.deadLetterQueues ?? []) {
      const name = `${q.node.scope?.node.id ?? ''}${q.node.id}`;
      anyOf(`${name}Depth`, `Messages are waiting in ${name}`, q.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }));
    }
    for (const q of props.workQueues ?? []) {
      const name = `${q.node.scope?.node.id ?? ''}${q.node.id}`;
      add(`${name}OldestMessage`, `${name} is falling behind: its oldest message is older than ${settings.queueOldestMessageSeconds} s`, q.metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' }), settings.queueOldestMessageSeconds);
    }
    for (const fn of props.functions ?? []) {
      anyOf(`${fn.node.id}Errors`, `Errors in ${fn.node.id}`, fn.metricErrors({ period, statistic: 'Sum' }));
    }
    if (props.restApi) {
      anyOf('Api5xx', 'The REST API answered with 5XX', props.restApi.metricServerError({ period, statistic: 'Sum' }));
      add('Api4xxRate', `More than ${settings.api4xxRate * 100}% of REST answers were 4XX (429 throttling included)`, props.restApi.metricClientError({ period, statistic: 'Average' }), settings.api4xxRate);
    }
    if (props.stateMachine) {
      anyOf('DeadlineExecutionsFailed', 'A hold-deadline execution failed', props.stateMachine.metricFailed({ period, statistic: 'Sum' }));
    }
    // Account-wide: a throttled function anywhere (reserved or account concurrency reached) is a refused fan.
    add('LambdaThrottles', 'Lambda invocations were throttled (concurrency limit reached)', new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', period: minute, statistic: 'Sum' }), settings.lambdaThrottlesPerMinute);
    const table = props.table;
    if (table) {
      const byTable = (metricName: string) => table.metric(metricName, { period: minute, statistic: 'Sum' });
      add(
        'TableThrottles',
        'DynamoDB throttled reads or writes on the table (warm throughput or a hot partition)',
        new MathExpression({ expression: 'FILL(r, 0) + FILL(w, 0)', usingMetrics: { r: byTable('ReadThrottleEvents'), w: byTable('WriteThrottleEvents') }, period: minute, label: 'throttle events' }),
        settings.dynamoThrottlesPerMinute,
      );
    }
    if (props.admissionLoop) {
      // Both come from the tick: while the line's last known length is above zero, a minute with too few ticks (none
      // at all when the loop has died) is a stalled line.
      add(
        'AdmissionTicksMissed',
        `The admission loop ticked fewer than ${settings.admissionTicksPerMinute} times in a minute while people were waiting`,
        new MathExpression({
          expression: `IF(FILL(waiting, REPEAT) > 0 AND FILL(ticks, 0) < ${settings.admissionTicksPerMinute}, 1, 0)`,
          usingMetrics: { waiting: saleMetric(SaleMetric.QueueWaiting, { statistic: 'Maximum' }), ticks: saleMetric(SaleMetric.AdmissionTicks) },
          period: minute,
          label: 'missed ticks',
        }),
        0,
      );
    }
    if (props.abuseAuditSweep) {
      add(
        'AbuseAuditBacklog',
        `More than ${settings.abuseAuditBacklogRows} abuse audit rows wait in Redis after a sweep: the table is refusing them or the sweep falls behind, and Redis memory grows`,
        saleMetric(SaleMetric.AbuseAuditBacklog, { statistic: 'Maximum', period: minute }),
        settings.abuseAuditBacklogRows,
      );
    }
  }
}
