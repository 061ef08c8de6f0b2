import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ChangeStreamDefinition } from '../capabilities/types';
import { changeStreamFilter } from '../definitions/change-stream';
import type { Handlers } from './handlers';
import type { LambdaFunction } from './lambda-function';
import { acknowledge } from './nag-acknowledgements';

export interface ChangeStreamProps {
  /** The table, with its stream ARN. */
  readonly table: ITable;
  readonly definition: ChangeStreamDefinition;
  readonly handlers: Handlers;
  /** @default Duration.days(14) */
  readonly dlqRetention?: Duration;
}

/**
 * Domain events from the table's change stream: a consumer Lambda on a DynamoDB event source that passes only the
 * writes events follow from, reports partial batch failures (the stream resumes at the first record not announced),
 * halves a failing batch on every retry to corner a poison record, and sends what still fails to a queue rather than
 * block the shard.
 */
export class ChangeStream extends Construct {
  readonly consumer: LambdaFunction;
  /** Descriptions of the stream records the consumer could not announce (the records themselves stay in the stream 24 h). */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ChangeStreamProps) {
    super(scope, id);
    const { definition } = props;
    this.deadLetterQueue = new Queue(this, 'FailedRecords', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.dlqRetention ?? Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, 'SQS3', "This queue is itself the on-failure destination of the change stream's event source");
    this.consumer = props.handlers.function({ handler: definition.consumer, needs: definition.needs, timeoutSeconds: definition.timeoutSeconds, memoryMb: definition.memoryMb, asynchronous: true });
    this.consumer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: definition.batchSize,
        maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
        bisectBatchOnError: true,
        retryAttempts: definition.retryAttempts,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(changeStreamFilter(definition.entities))],
      }),
    );
  }
}
