import { connectionsPush } from '#adapters/realtime/connections-push';

/** Pushes through API Gateway's @connections API. */
export const realtimePush = () => connectionsPush;
