import { withDependencyErrors } from '#adapters/dynamo/dependency-errors';
import { dynamoSalesPolicyStore } from '#adapters/dynamo/sales-policy-store';
import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { cachedSalesPolicyStore } from '#adapters/redis/sales-policy-cache';
import { dynamo as rawDynamo, tableName } from '#platform/clients/dynamo';
import { eventBridge } from '#platform/clients/event-bridge';
import { redis } from '#platform/clients/redis';
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

/** The one read port of sales policies: DynamoDB behind a short Redis cache (holds read it on every request). */
export const realSalesPolicies = lazy(() => cachedSalesPolicyStore(dynamoSalesPolicyStore(db, tableName), redis));
