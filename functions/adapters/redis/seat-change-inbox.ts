import type { Redis } from 'ioredis';
import type { SeatChange } from '#domain/reservations/seat-changes';
import type { SeatChangeInbox } from '#services/ports/seat-change-inbox';
import { execReplies } from './pipeline-results';

/**
 * The inbox is a list on the show's availability slot (`avail:{showId}:inbox`, next to ./seat-availability.ts's keys).
 * Its posts are redundant with the change stream, so it is kept small rather than complete: the newest KEEP posts,
 * for KEEP_MS after the last one (a show whose pushes stopped does not keep them).
 */
const KEEP = 5_000;
const KEEP_MS = 60_000;
const inboxKey = (showId: string) => `avail:{${showId}}:inbox`;

export function redisSeatChangeInbox(redis: () => Redis): SeatChangeInbox {
  return {
    async post(change) {
      const key = inboxKey(change.showId);
      await execReplies(redis().multi().rpush(key, JSON.stringify(change)).ltrim(key, -KEEP, -1).pexpire(key, KEEP_MS));
    },
    async take(showId) {
      const key = inboxKey(showId);
      const [posts] = await execReplies<[string[], number]>(redis().multi().lrange(key, 0, -1).del(key));
      return posts.flatMap((post) => {
        // A post that does not parse is skipped: the change stream brings its change anyway.
        try {
          return [JSON.parse(post) as SeatChange];
        } catch {
          return [];
        }
      });
    },
  };
}
