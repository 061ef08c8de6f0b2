import { DisableRuleCommand, EnableRuleCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { AdmissionLoopSwitch } from '#services/waiting-room/ports';

/**
 * Enables and disables the admission loop's schedule rule (on the default bus, where scheduled rules live). The
 * local cloud's EventBridge endpoint answers the same two calls for its scheduler.
 */
export function eventBridgeLoopSwitch(client: () => EventBridgeClient, ruleName: string): AdmissionLoopSwitch {
  return {
    async arm() {
      await client().send(new EnableRuleCommand({ Name: ruleName }));
    },
    async disarm() {
      await client().send(new DisableRuleCommand({ Name: ruleName }));
    },
  };
}

/** Where no rule is named (integration tests, a stage without the schedule), the loop is simply always on. */
export const alwaysOnLoop: AdmissionLoopSwitch = { arm: async () => {}, disarm: async () => {} };
