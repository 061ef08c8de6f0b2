import { Duration, Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../capabilities/types';
import type { Handlers } from './handlers';

export interface SchedulesProps {
  readonly definitions: readonly ScheduleDefinition[];
}

/**
 * A rule firing every minute per declared schedule (the local cloud uses each definition's own interval). An
 * `armed` schedule is deployed disabled and exposed as `armedRule`, for the functions that switch it; its targets
 * are added by `addTargets` once those functions exist (the loop itself switches its own rule).
 */
export class Schedules extends Construct {
  readonly rules: Rule[];
  /** The armed rule's name and ARN as plain strings (see NeedProviders.admissionLoopRule). */
  readonly armedRule?: { readonly ruleName: string; readonly ruleArn: string };
  private readonly definitions: readonly ScheduleDefinition[];

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    if (props.definitions.filter((d) => d.armed).length > 1) throw new Error('Schedules: at most one schedule can be armed');
    this.definitions = props.definitions;
    const stack = Stack.of(this);
    // The armed rule gets a name known at synth (stack-scoped), so its switchers need no reference to it.
    const nameOf = (d: ScheduleDefinition) => (d.armed ? `${stack.stackName}-${d.id}`.slice(0, 64) : undefined);
    this.rules = props.definitions.map((d) => new Rule(this, d.id, { schedule: Schedule.rate(Duration.minutes(1)), enabled: !d.armed, ruleName: nameOf(d) }));
    const armedName = props.definitions.map(nameOf).find((n) => n !== undefined);
    if (armedName) this.armedRule = { ruleName: armedName, ruleArn: stack.formatArn({ service: 'events', resource: 'rule', resourceName: armedName }) };
  }

  addTargets(handlers: Handlers): void {
    this.definitions.forEach((definition, i) => {
      const fn = handlers.function({
        handler: definition.handler,
        needs: definition.needs,
        timeoutSeconds: definition.timeoutSeconds,
        memoryMb: definition.memoryMb,
        asynchronous: true,
      });
      const rule = this.rules[i] as Rule;
      // A missed tick is replaced by the next one a minute later; retrying an old tick would only overlap it.
      rule.addTarget(new LambdaTarget(fn, { retryAttempts: 0, maxEventAge: Duration.minutes(1) }));
    });
  }
}
