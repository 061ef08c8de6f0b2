import type { Redis } from 'ioredis';
import type { Lease } from '#services/waiting-room/ports';
import { waitingRoomKeys } from './waiting-room-keys';
import { LEASE_ACQUIRE, LEASE_RELEASE } from './waiting-room-scripts';

/** A Redis lease: SET NX PX with an owner token, renewed by its owner, released by compare-and-delete. */
export function redisLease(redis: Redis): Lease {
  return {
    async acquire(concertId, owner, ttlMs) {
      return (await LEASE_ACQUIRE.run<number>(redis, [waitingRoomKeys(concertId).lease], [owner, ttlMs])) === 1;
    },
    async release(concertId, owner) {
      await LEASE_RELEASE.run(redis, [waitingRoomKeys(concertId).lease], [owner]);
    },
  };
}
