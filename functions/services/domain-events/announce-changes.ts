import { eventsOfChange, type TableChange } from '#domain/change-events';
import { logger } from '#platform/logger';
import type { EventPublisher } from '#services/ports/events';

/** One record of the table's change stream: its position (sequence number) and the write it reports, if any. */
export interface StreamedChange {
  id: string;
  change: TableChange | undefined;
}

/**
 * Publishes the domain events each committed write stands for, in stream order. It stops at the first record whose
 * events cannot be published and names it: the event source retries from there (the records before it are done),
 * so a crash anywhere after the commit delays an event but never loses it. A retried record publishes its events
 * again, which is why every consumer of them is idempotent.
 */
export function announceChanges(deps: { events: EventPublisher }) {
  return async function announce(records: readonly StreamedChange[]): Promise<{ failedId?: string; published: number }> {
    let published = 0;
    for (const { id, change } of records) {
      const events = change ? eventsOfChange(change) : [];
      if (!events.length) continue;
      try {
        await deps.events.publish(events);
        published += events.length;
      } catch (error) {
        logger.error('change-stream events not published; the record will be retried', { sequenceNumber: id, error: error as Error });
        return { failedId: id, published };
      }
    }
    return { published };
  };
}
