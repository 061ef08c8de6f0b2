import { connectionRegistry, connectionsPush } from '#adapters/realtime/index';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { redis } from '#platform/clients';
import { systemClock } from '#platform/clock';
import { catalogDeps } from '#services/catalog/compose';
import { waitingRoom } from '#services/waiting-room/compose';
import { reservationStatusPush } from './reservation-status-push';
import { admissionSlotsOf, resellReleasedSeats } from './resale';
import { seatWatch } from './seat-watch';

/** `SEAT_PUSH_INTERVAL_MS` (default 1000, at most 1000 by the contract): how long seat changes are coalesced. */
const intervalMs = () => Math.min(1000, Math.max(10, Number(process.env.SEAT_PUSH_INTERVAL_MS ?? 1000) || 1000));

let built: ReturnType<typeof build> | undefined;
function build() {
  const seats = seatWatch({
    watchers: redisSeatWatchers(redis()),
    push: connectionsPush,
    catalog: catalogDeps(),
    clock: systemClock,
    intervalMs: intervalMs(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  });
  return {
    seats,
    resell: resellReleasedSeats({ seats, slots: admissionSlotsOf(() => waitingRoom().queue) }),
    notifyOwner: reservationStatusPush({ registry: connectionRegistry(), push: connectionsPush, clock: systemClock }),
  };
}

/** Built on first use, once per cold start. */
export const liveUpdates = () => (built ??= build());
