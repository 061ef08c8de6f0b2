import { Duration } from 'aws-cdk-lib';
import { EventBus as Bus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventRuleDefinition } from '../capabilities/types';
import type { Handlers } from './handlers';
import { acknowledge } from './nag-acknowledgements';

export interface EventBusProps {
  /** `source` of every domain event (EVENT_SOURCE in functions/domain/events.ts). */
  readonly eventSource: string;
  /** @default Duration.days(14) */
  readonly dlqRetention?: Duration;
}

/**
 * The domain-event bus. Each declared rule matches `source` + `detail-type` and invokes its target function;
 * events the target cannot take after EventBridge's retries land in the rule's DLQ instead of vanishing.
 */
export class EventBus extends Construct {
  readonly bus: Bus;
  readonly rules: Rule[] = [];
  readonly deadLetterQueues: Queue[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: EventBusProps,
  ) {
    super(scope, id);
    this.bus = new Bus(this, 'Bus');
  }

  addRules(definitions: readonly EventRuleDefinition[], handlers: Handlers): void {
    for (const definition of definitions) {
      const target = handlers.function({
        handler: definition.target,
        needs: definition.needs,
        timeoutSeconds: definition.timeoutSeconds,
        memoryMb: definition.memoryMb,
        asynchronous: true,
        reservedConcurrentExecutions: definition.reservedConcurrency,
      });
      const deadLetterQueue = new Queue(this, `${definition.id}Dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: this.props.dlqRetention ?? Duration.days(14),
      });
      const rule = new Rule(this, definition.id, {
        eventBus: this.bus,
        eventPattern: { source: [this.props.eventSource], detailType: [...definition.detailTypes] },
      });
      rule.addTarget(new LambdaTarget(target, { deadLetterQueue, retryAttempts: 8, maxEventAge: Duration.hours(2) }));
      acknowledge(deadLetterQueue, 'SQS3', "This queue is itself the dead-letter queue of the rule's Lambda target");
      this.rules.push(rule);
      this.deadLetterQueues.push(deadLetterQueue);
    }
  }
}
