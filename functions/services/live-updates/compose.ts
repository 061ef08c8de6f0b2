import { connectionRegistry, connectionsPush } from '#adapters/realtime/index';
import { invalidateSeatMap } from '#adapters/redis/catalog-seat-map-cache';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { redis } from '#platform/clients';
import { systemClock } from '#platform/clock';
import { waitingRoom } from '#services/waiting-room/compose';
import type { AdmissionSlots } from './ports';
import { reservationStatusPush } from './reservation-status-push';
import { resellReleasedSeats } from './resale';
import { seatWatch } from './seat-watch';

/** The waiting room's line: a user whose status is ACTIVE leaves, which frees the slot for the next tick. */
const slots: AdmissionSlots = {
  async releaseIfActive(concertId, userId) {
    const { queue } = waitingRoom();
    if ((await queue.status(concertId, userId)).status !== 'ACTIVE') return false;
    await queue.leave(concertId, userId);
    return true;
  },
};

let built: ReturnType<typeof build> | undefined;
function build() {
  const seats = seatWatch({ watchers: redisSeatWatchers(redis()), push: connectionsPush, invalidateSeatMap, clock: systemClock });
  return {
    seats,
    resell: resellReleasedSeats({ seats, slots }),
    notifyOwner: reservationStatusPush({ registry: connectionRegistry(), push: connectionsPush, clock: systemClock }),
  };
}

/** Built on first use, once per cold start. */
export const liveUpdates = () => (built ??= build());
