import { lazy } from './lazy';
import { realAbusePorts, wireAbuse, type Abuse } from './abuse';
import { waitingRoomQueue } from './waiting-room-queue';

/**
 * The guard for joining the line and issuing join challenges (and the admin abuse routes beside them): the challenge's
 * difficulty is the concert's queue-config `challengeDifficulty`, read through the queue settings' short cache.
 */
export const abuseAtJoin = lazy(
  (): Abuse => wireAbuse(realAbusePorts(async (concertId) => (await waitingRoomQueue().settings.config(concertId)).challengeDifficulty ?? 0)),
);
