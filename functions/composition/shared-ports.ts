import { withDependencyErrors } from '#adapters/dynamo/dependency-errors';
import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { dynamo as rawDynamo, tableName } from '#platform/clients/dynamo';
import { eventBridge } from '#platform/clients/event-bridge';
import { config } from '#platform/config';
import { lazy } from './lazy';

/**
 * Ports more than one use case binds the same way. Each is a separate export so a bundle takes only the ones its
 * use case reaches (the EventBridge client is loaded only by a use case that publishes).
 */

/** The table client whose throttling and connection failures surface as 503 DEPENDENCY_UNAVAILABLE. */
export const db = withDependencyErrors(rawDynamo);
export { tableName };

export const realEventPublisher = lazy(() => eventBridgePublisher(eventBridge, () => config('EVENT_BUS_NAME').EVENT_BUS_NAME));
