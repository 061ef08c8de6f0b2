import type { Redis } from 'ioredis';
import type { QueueConfig } from '#domain/waiting-room/queue-config';
import type { QueueConfigStore } from '#services/waiting-room/ports';
import { waitingRoomKeys } from './waiting-room-keys';

/** The queue config lives beside the line it governs, so the loop and joins read it from the same shard. */
export function redisQueueConfigStore(redis: Redis): QueueConfigStore {
  return {
    async read(concertId) {
      const json = await redis.get(waitingRoomKeys(concertId).config);
      return json ? (JSON.parse(json) as QueueConfig) : undefined;
    },
    async write(concertId, config) {
      await redis.set(waitingRoomKeys(concertId).config, JSON.stringify(config));
    },
  };
}
