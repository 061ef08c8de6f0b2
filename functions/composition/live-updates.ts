import { connectionsPush } from '#adapters/realtime/connections-push';
import { connectionRegistry } from './realtime';
import { invalidateSeatMap } from '#adapters/redis/catalog-seat-map-cache';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { redis } from '#platform/clients/redis';
import { systemClock } from '#platform/clock';
import { waitingRoom } from './waiting-room';
import { lazy } from './lazy';
import { reservationStatusPush } from '#services/live-updates/reservation-status-push';
import { admissionSlotsOf, resellReleasedSeats } from '#services/live-updates/resale';
import { seatWatch } from '#services/live-updates/seat-watch';

function build() {
  const seats = seatWatch({ watchers: redisSeatWatchers(redis()), push: connectionsPush, invalidateSeatMap, clock: systemClock });
  return {
    seats,
    resell: resellReleasedSeats({ seats, slots: admissionSlotsOf(() => waitingRoom().queue) }),
    notifyOwner: reservationStatusPush({ registry: connectionRegistry(), push: connectionsPush, clock: systemClock }),
  };
}

/** Seat watching, resale after a release and the owner's status pushes, built once per cold start. */
export const liveUpdates = lazy(build);
