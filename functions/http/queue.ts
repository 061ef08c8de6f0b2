import * as z from 'zod';
import { accepted, httpHandler, noContent } from '#platform/http';
import { waitingRoom } from '#composition/waiting-room';

const params = z.object({ concertId: z.string().min(1).max(64) });

/** POST /v1/concerts/{concertId}/queue — 200 QueueStatus, or 202 PENDING when the queue is buffered. */
export const joinQueue = httpHandler({ auth: 'user', params }, async ({ params, principal }) => {
  const result = await waitingRoom().queue.join(params.concertId, principal.userId);
  return result.status === 'PENDING' ? accepted(result) : result;
});

/** GET /v1/concerts/{concertId}/queue/me */
export const getMyQueueStatus = httpHandler({ auth: 'user', params }, ({ params, principal }) =>
  waitingRoom().queue.status(params.concertId, principal.userId),
);

/** DELETE /v1/concerts/{concertId}/queue/me — leave the line or give back an active slot. */
export const leaveQueue = httpHandler({ auth: 'user', params }, async ({ params, principal }) => {
  await waitingRoom().queue.leave(params.concertId, principal.userId);
  return noContent();
});

/** GET /v1/concerts/{concertId}/queue/stats (public) */
export const getQueueStats = httpHandler({ auth: 'public', params }, ({ params }) => waitingRoom().queue.stats(params.concertId));
