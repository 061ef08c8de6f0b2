import { dynamoSalesPolicyStore } from '#adapters/dynamo/sales-policy-store';
import { cachedSalesPolicyStore } from '#adapters/redis/sales-policy-cache';
import { redis } from '#platform/clients/redis';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

/**
 * The one read port of sales policies: DynamoDB behind a short Redis cache (holds read it on every request). A
 * module of its own so only use cases that read policies load the Redis client.
 */
export const realSalesPolicies = lazy(() => cachedSalesPolicyStore(dynamoSalesPolicyStore(db, tableName), redis));
