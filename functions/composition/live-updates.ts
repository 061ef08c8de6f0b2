import { connectionsPush } from '#adapters/realtime/connections-push';
import { sqsSeatFanOut } from '#adapters/sqs/seat-fan-out-queue';
import { sqs } from '#platform/clients/sqs';
import { config } from '#platform/config';
import { redisResaleMarks } from '#adapters/redis/resale-marks';
import { redisSeatChangeInbox } from '#adapters/redis/seat-change-inbox';
import { redis } from '#platform/clients/redis';
import { connectionRegistry, seatWatchers } from './realtime';
import { systemClock } from '#platform/clock';
import { catalogDeps } from './catalog';
import { waitingRoom } from './waiting-room';
import { lazy } from './lazy';
import { reservationStatusPush } from '#services/live-updates/reservation-status-push';
import { admissionSlotsOf, resellReleasedSeats } from '#services/live-updates/resale';
import { seatWatch } from '#services/live-updates/seat-watch';

/** `SEAT_PUSH_INTERVAL_MS` (default 1000, at most 1000 by the contract): how long seat changes are coalesced. */
export const seatPushIntervalMs = () => Math.min(1000, Math.max(10, Number(process.env.SEAT_PUSH_INTERVAL_MS ?? 1000) || 1000));

function build() {
  const seats = seatWatch({
    watchers: seatWatchers(),
    push: connectionsPush,
    catalog: catalogDeps(),
    clock: systemClock,
    intervalMs: seatPushIntervalMs(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    parts: sqsSeatFanOut(sqs, () => config('SEAT_FAN_OUT_QUEUE_URL').SEAT_FAN_OUT_QUEUE_URL),
    inbox: redisSeatChangeInbox(redis),
  });
  return {
    seats,
    resell: resellReleasedSeats({ seats, slots: admissionSlotsOf(() => waitingRoom().queue), marks: redisResaleMarks(redis) }),
    notifyOwner: reservationStatusPush({ registry: connectionRegistry(), push: connectionsPush, clock: systemClock }),
  };
}

/** Seat watching, resale after a release and the owner's status pushes, built once per cold start. */
export const liveUpdates = lazy(build);
