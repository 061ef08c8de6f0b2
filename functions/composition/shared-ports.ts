import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { eventBridge } from '#platform/clients/event-bridge';
import { config } from '#platform/config';
import { lazy } from './lazy';

/**
 * Ports more than one use case binds the same way. Each is a separate export so a bundle takes only the ones its
 * use case reaches (the EventBridge client is loaded only by a use case that publishes).
 */

/** The table client (its throttling, timeouts and connection failures become 503 in the platform's one classifier). */
export const db = dynamo;
export { tableName };

export const realEventPublisher = lazy(() => eventBridgePublisher(eventBridge, () => config('EVENT_BUS_NAME').EVENT_BUS_NAME));
