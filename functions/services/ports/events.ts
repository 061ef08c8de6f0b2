import type { DomainEvent } from '#domain/events';

/** Publishes domain events (EventBridge in AWS and in the local cloud). */
export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}
