import type { Capability } from './types';

/**
 * The waiting room: join / status / leave / stats, the admin queue config, WebSocket rank subscriptions, the
 * buffered-join queue and the admission loop (an EventBridge rule each minute in AWS, the Lambda ticking every
 * second inside its minute; the local cloud invokes one tick a second — see functions/workers/admission-loop.ts).
 * Every read of an ACTIVE place mints its admission token from the slot (services/waiting-room/slot-tokens.ts), so
 * each function that reads or joins the line signs: `jwtKeys`, not the verify-only `jwtVerify`.
 */
/**
 * A tick may run most of its minute (the admission loop admits second by second until 5 s before its timeout) but
 * never overlaps the next; 1024 MB buys the CPU for a minute of one-second ticks against Redis and DynamoDB.
 */
const LOOP_BUDGET = { timeoutSeconds: 60, memoryMb: 1024 };

export const waitingRoom: Capability = {
  name: 'waiting-room',
  routes: [
    { method: 'POST', path: '/v1/concerts/{concertId}/queue', handler: 'http/queue.joinQueue', auth: 'user', needs: ['redis', 'table', 'joinQueue', 'admissionLoop', 'jwtKeys'] },
    { method: 'GET', path: '/v1/concerts/{concertId}/queue/me', handler: 'http/queue.getMyQueueStatus', auth: 'user', needs: ['redis', 'tableRead', 'jwtKeys'] },
    { method: 'DELETE', path: '/v1/concerts/{concertId}/queue/me', handler: 'http/queue.leaveQueue', auth: 'user', needs: ['redis'] },
    { method: 'GET', path: '/v1/concerts/{concertId}/queue/stats', handler: 'http/queue.getQueueStats', auth: 'public', needs: ['redis'] },
    { method: 'GET', path: '/v1/admin/concerts/{concertId}/queue-config', handler: 'http/admin-queue.getQueueConfig', auth: 'admin', needs: ['redis'] },
    // table: each change (pause and resume included) is audited.
    { method: 'PUT', path: '/v1/admin/concerts/{concertId}/queue-config', handler: 'http/admin-queue.putQueueConfig', auth: 'admin', needs: ['redis', 'table'] },
  ],
  wsRoutes: [
    { routeKey: 'subscribe', handler: 'ws/subscribe.handler', needs: ['redis', 'tableRead', 'connections', 'jwtKeys'] },
    { routeKey: 'unsubscribe', handler: 'ws/unsubscribe.handler', needs: ['redis'] },
  ],
  queues: [
    {
      id: 'JoinQueue',
      urlEnv: 'JOIN_QUEUE_URL',
      need: 'joinQueue',
      consumer: 'workers/join-consumer.handler',
      consumerNeeds: ['redis', 'tableRead', 'connections', 'admissionLoop', 'jwtKeys'],
      consumerBudget: { timeoutSeconds: 10 },
      batchSize: 100,
      maxBatchingWindowSeconds: 1,
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
    },
  ],
  schedules: [
    // Armed by the first join of a line (or pre-queue), disarmed by the loop when no line is left: idle runs nothing.
    { id: 'AdmissionLoop', handler: 'workers/admission-loop.handler', needs: ['redis', 'tableRead', 'jwtKeys', 'connections', 'admissionLoop'], localIntervalMs: 1000, armed: true, ...LOOP_BUDGET },
  ],
};
