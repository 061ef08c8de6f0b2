import type { Capability } from './types';

/** What every other capability stands on: the health check and the WebSocket connection lifecycle. */
export const foundation: Capability = {
  name: 'foundation',
  routes: [{ method: 'GET', path: '/v1/health', handler: 'http/health.health', auth: 'public', needs: ['tableRead', 'redis', 'healthProbes'] }],
  wsRoutes: [
    { routeKey: '$connect', handler: 'ws/connect.handler', needs: ['redis'] },
    { routeKey: '$disconnect', handler: 'ws/disconnect.handler', needs: ['redis'] },
    { routeKey: 'ping', handler: 'ws/ping.handler', needs: ['connections'] },
    { routeKey: '$default', handler: 'ws/default.handler', needs: ['connections'] },
  ],
};
