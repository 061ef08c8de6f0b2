import { capabilities } from './capabilities';
import type { RestRoute, WsRoute } from './capabilities/types';

/** The single route table: the CDK REST/WebSocket constructs and the local gateway both read it. */
export const restRoutes: RestRoute[] = capabilities.flatMap((c) => c.routes ?? []);
export const wsRoutes: WsRoute[] = capabilities.flatMap((c) => c.wsRoutes ?? []);

/** The Lambda authorizer shared by REST routes and the WebSocket `$connect`. */
export const authorizerHandler = 'http/authorizer.handler' as const;
