import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_TIMEOUT_SECONDS } from '../capabilities/needs';
import type { QueueDefinition } from '../capabilities/types';
import type { Handlers } from './handlers';
import type { ProvidedQueue } from './need-providers';

export interface QueuesProps {
  readonly definitions: readonly QueueDefinition[];
  /** @default Duration.days(14) */
  readonly dlqRetention?: Duration;
}

/** A work queue and the DLQ that takes a message after `maxReceiveCount` failed receives. */
export interface WorkQueue {
  readonly definition: QueueDefinition;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
}

/**
 * One encrypted, TLS-only queue with a DLQ per declared queue. `addConsumers` attaches each declared consumer
 * with partial batch responses, so one bad message is retried alone instead of failing its whole batch.
 */
export class Queues extends Construct {
  readonly workQueues: readonly WorkQueue[];

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    this.workQueues = props.definitions.map((definition) => {
      const deadLetterQueue = new Queue(this, `${definition.id}Dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: props.dlqRetention ?? Duration.days(14),
      });
      const queue = new Queue(this, definition.id, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      return { definition, queue, deadLetterQueue };
    });
  }

  /** The queues keyed by the producers' need, for `Handlers.provide`. */
  get provided(): Partial<Record<QueueDefinition['need'], ProvidedQueue>> {
    return Object.fromEntries(this.workQueues.map((w) => [w.definition.need, { queue: w.queue, urlEnv: w.definition.urlEnv }]));
  }

  addConsumers(handlers: Handlers): void {
    for (const { definition, queue } of this.workQueues) {
      const timeoutSeconds = definition.consumerBudget?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
      // SQS wants the visibility timeout at least six times the consumer's timeout, or a slow batch is received twice.
      if (definition.visibilityTimeoutSeconds < 6 * timeoutSeconds) {
        throw new Error(`${definition.id}: visibility timeout ${definition.visibilityTimeoutSeconds} s is under six times the consumer's ${timeoutSeconds} s`);
      }
      const consumer = handlers.function({
        handler: definition.consumer,
        needs: definition.consumerNeeds,
        asynchronous: true,
        ...definition.consumerBudget,
      });
      consumer.addEventSource(
        new SqsEventSource(queue, {
          batchSize: definition.batchSize,
          maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
          reportBatchItemFailures: true,
          ...(definition.maxConcurrency ? { maxConcurrency: definition.maxConcurrency } : {}),
        }),
      );
    }
  }
}
