import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '#domain/events';
import { ulids } from '#platform/ids';

/** The event EventBridge hands a rule target, from what a service published. */
export const delivered = (e: DomainEvent) =>
  ({ version: '0', id: ulids.next(), 'detail-type': e.detailType, source: 'ticketrush', account: '0', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: e.detail }) as EventBridgeEvent<string, unknown>;

/** A WebSocket route event as API Gateway sends it after `$connect` authorized `userId`. */
export const wsEvent = (connectionId: string, userId: string, body: unknown, routeKey = 'watchSeats') =>
  ({ body: JSON.stringify(body), requestContext: { connectionId, routeKey, requestId: ulids.next(), authorizer: { principalId: userId, userId, role: 'USER', tier: 'BASIC', jti: 'j', tokenExpiresAt: 9e9 } } }) as never;
