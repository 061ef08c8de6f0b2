import type { EventBridge } from '#platform/clients/event-bridge';
import type { AdmissionLoopSwitch } from '#services/waiting-room/ports';

/**
 * Enables and disables the admission loop's schedule rule (on the default bus, where scheduled rules live). The
 * local cloud's EventBridge endpoint answers the same two calls for its scheduler.
 */
export function eventBridgeLoopSwitch(eventBridge: EventBridge, ruleName: string): AdmissionLoopSwitch {
  return {
    async arm() {
      const { client, sdk } = await eventBridge();
      await client.send(new sdk.EnableRuleCommand({ Name: ruleName }));
    },
    async disarm() {
      const { client, sdk } = await eventBridge();
      await client.send(new sdk.DisableRuleCommand({ Name: ruleName }));
    },
  };
}

/** Where no rule is named (integration tests, a stage without the schedule), the loop is simply always on. */
export const alwaysOnLoop: AdmissionLoopSwitch = { arm: async () => {}, disarm: async () => {} };
