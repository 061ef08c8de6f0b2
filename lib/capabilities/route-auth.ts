import type { RestRoute } from './types';

/**
 * Admin routes and `freshAuth` routes (money, giving seats back, the logout) are authorized on every request; the
 * rest share the gateway's authorizer cache. Read by the CDK REST API and the local gateway alike.
 */
export const needsFreshAuth = (route: Pick<RestRoute, 'auth' | 'freshAuth'>): boolean => route.auth === 'admin' || route.freshAuth === true;
