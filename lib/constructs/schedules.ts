import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../capabilities/types';
import type { Handlers } from './handlers';

export interface SchedulesProps {
  readonly definitions: readonly ScheduleDefinition[];
  readonly handlers: Handlers;
}

/** A rule firing every minute per declared schedule (the local cloud uses each definition's own interval). */
export class Schedules extends Construct {
  readonly rules: Rule[];

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.rules = props.definitions.map((definition) => {
      // A tick may run most of its minute (the admission loop admits second by second until 5 s before its timeout)
      // but never overlaps the next. 1024 MB buys the CPU for a minute of one-second ticks against Redis and DynamoDB;
      // no reserved concurrency: a Redis lease already keeps one loop per concert.
      const fn = props.handlers.function({
        handler: definition.handler,
        needs: definition.needs,
        timeout: Duration.seconds(60),
        memorySize: 1024,
        asynchronous: true,
      });
      const rule = new Rule(this, definition.id, { schedule: Schedule.rate(Duration.minutes(1)) });
      // A missed tick is replaced by the next one a minute later; retrying an old tick would only overlap it.
      rule.addTarget(new LambdaTarget(fn, { retryAttempts: 0, maxEventAge: Duration.minutes(1) }));
      return rule;
    });
  }
}
