import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type DomainEvent } from '#domain/events';
import { eventBridge } from '#platform/clients';
import { config } from '#platform/config';
import type { EventPublisher } from '#services/ports/event-publisher';

const PUT_EVENTS_LIMIT = 10;

/** Domain events onto the EventBridge bus named by EVENT_BUS_NAME, `Source` = EVENT_SOURCE. */
export class EventBridgePublisher implements EventPublisher {
  async publish(...events: DomainEvent[]): Promise<void> {
    const busName = config('EVENT_BUS_NAME').EVENT_BUS_NAME;
    const entries: PutEventsRequestEntry[] = events.map((e) => ({
      Source: EVENT_SOURCE,
      DetailType: e.detailType,
      Detail: JSON.stringify(e.detail),
      EventBusName: busName,
    }));
    for (let i = 0; i < entries.length; i += PUT_EVENTS_LIMIT) {
      const out = await eventBridge().send(new PutEventsCommand({ Entries: entries.slice(i, i + PUT_EVENTS_LIMIT) }));
      if (out.FailedEntryCount) {
        const codes = (out.Entries ?? []).flatMap((r) => (r.ErrorCode ? [r.ErrorCode] : []));
        throw new Error(`EventBridge refused ${out.FailedEntryCount} events: ${codes.join(', ')}`);
      }
    }
  }
}
