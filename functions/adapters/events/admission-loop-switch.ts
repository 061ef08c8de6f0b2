import type { EventBridge } from '#platform/clients/event-bridge';
import type { AdmissionLoopSwitch } from '#services/waiting-room/ports';

/**
 * Enables and disables the admission loop's schedule rule (on the default bus, where scheduled rules live). The
 * local cloud's EventBridge endpoint answers the same two calls for its scheduler.
 */
export function eventBridgeLoopSwitch(eventBridge: () => EventBridge, ruleName: string): AdmissionLoopSwitch {
  return {
    arm: () => eventBridge().enableRule(ruleName),
    disarm: () => eventBridge().disableRule(ruleName),
  };
}

/** Where no rule is named (integration tests, a stage without the schedule), the loop is simply always on. */
export const alwaysOnLoop: AdmissionLoopSwitch = { arm: async () => {}, disarm: async () => {} };
