import { EVENT_SOURCE } from '#domain/events';
import type { EventBridge } from '#platform/clients/event-bridge';
import type { EventPublisher } from '#services/ports/events';

/** PutEvents accepts at most 10 entries a call. */
const BATCH = 10;

export function eventBridgePublisher(eventBridge: () => EventBridge, busName: () => string): EventPublisher {
  return {
    async publish(events) {
      for (let i = 0; i < events.length; i += BATCH) {
        const res = await eventBridge().putEvents(events.slice(i, i + BATCH).map((e) => ({ Source: EVENT_SOURCE, DetailType: e.detailType, Detail: JSON.stringify(e.detail), EventBusName: busName() })));
        if (res.FailedEntryCount) {
          const failures = (res.Entries ?? []).filter((x) => x.ErrorCode).map((x) => `${x.ErrorCode}: ${x.ErrorMessage}`);
          throw new Error(`EventBridge refused ${res.FailedEntryCount} event(s): ${failures.join('; ')}`);
        }
      }
    },
  };
}
