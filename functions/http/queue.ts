import * as z from 'zod/mini';
import { accepted, httpHandler, noContent } from '#platform/http';
import { waitingRoomQueue } from '#composition/waiting-room-queue';
import { joinAttempt } from '#services/abuse/attempts';
import { abuseAtJoin as abuse } from '#composition/abuse-join';

const params = z.object({ concertId: z.string().check(z.minLength(1), z.maxLength(64)) });

/** POST /v1/concerts/{concertId}/queue — 200 QueueStatus, or 202 PENDING when the queue is buffered. */
export const joinQueue = httpHandler({ auth: 'user', params }, async (req) => {
  const { params, principal } = req;
  const result = await abuse().guard(joinAttempt(req, params.concertId), () => waitingRoomQueue().queue.join(params.concertId, principal.userId));
  return result.status === 'PENDING' ? accepted(result) : result;
});

/** GET /v1/concerts/{concertId}/queue/me */
export const getMyQueueStatus = httpHandler({ auth: 'user', params }, ({ params, principal }) =>
  waitingRoomQueue().queue.status(params.concertId, principal.userId),
);

/** DELETE /v1/concerts/{concertId}/queue/me — leave the line or give back an active slot. */
export const leaveQueue = httpHandler({ auth: 'user', params }, async ({ params, principal }) => {
  await waitingRoomQueue().queue.leave(params.concertId, principal.userId);
  return noContent();
});

/** GET /v1/concerts/{concertId}/queue/stats (public) */
export const getQueueStats = httpHandler({ auth: 'public', params }, ({ params }) => waitingRoomQueue().queue.stats(params.concertId));
