import { connectionRegistry, connectionsPush } from '#adapters/realtime/index';
import { invalidateSeatMap } from '#adapters/redis/catalog-seat-map-cache';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { redis } from '#platform/clients';
import { systemClock } from '#platform/clock';
import { waitingRoom } from '#services/waiting-room/compose';
import { reservationStatusPush } from './reservation-status-push';
import { admissionSlotsOf, resellReleasedSeats } from './resale';
import { seatWatch } from './seat-watch';

let built: ReturnType<typeof build> | undefined;
function build() {
  const seats = seatWatch({ watchers: redisSeatWatchers(redis()), push: connectionsPush, invalidateSeatMap, clock: systemClock });
  return {
    seats,
    resell: resellReleasedSeats({ seats, slots: admissionSlotsOf(() => waitingRoom().queue) }),
    notifyOwner: reservationStatusPush({ registry: connectionRegistry(), push: connectionsPush, clock: systemClock }),
  };
}

/** Built on first use, once per cold start. */
export const liveUpdates = () => (built ??= build());
