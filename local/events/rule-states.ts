import type { ScheduleDefinition } from '../../lib/capabilities/types';

/**
 * ENABLED/DISABLED of the local schedule rules, as EventBridge keeps it for rules: an `armed` schedule starts
 * disabled (as CDK deploys it) and is switched by EnableRule/DisableRule on the local EventBridge endpoint.
 */
export class RuleStates {
  private readonly enabled = new Map<string, boolean>();

  constructor(schedules: readonly ScheduleDefinition[]) {
    for (const s of schedules) this.enabled.set(s.id, !s.armed);
  }

  has(name: string): boolean {
    return this.enabled.has(name);
  }

  isEnabled(name: string): boolean {
    return this.enabled.get(name) ?? false;
  }

  set(name: string, enabled: boolean): void {
    this.enabled.set(name, enabled);
  }

  /** The rule name handlers are given for the armed schedule (ADMISSION_LOOP_RULE_NAME), if one is declared. */
  static armedRuleEnv(schedules: readonly ScheduleDefinition[]): Record<string, string> {
    const armed = schedules.find((s) => s.armed);
    return armed ? { ADMISSION_LOOP_RULE_NAME: armed.id } : {};
  }
}
