import type { Redis } from 'ioredis';
import type { Placement } from '#domain/waiting-room/queue-status';
import type { AdmitResult, JoinResult, PlacementView, WaitingLine } from '#services/waiting-room/ports';
import { execReplies } from './pipeline-results';
import { waitingRoomKeys } from './waiting-room-keys';
import { redisActiveSlots } from './waiting-room-active-slots';
import { ADMIT, JOIN, LEAVE, OPEN_PREQUEUE, STATUS } from './waiting-room-scripts';

type PlacementReply = [state: string, value: string | number, rate: string | null, extra?: number];

function toPlacement([state, value]: PlacementReply): Placement {
  switch (state) {
    case 'WAITING':
      return { state, position: Number(value) };
    case 'ACTIVE':
      return { state, expiresAtMs: Number(value) };
    case 'PREQUEUE':
    case 'EXPIRED':
    case 'NONE':
      return { state };
    default:
      throw new Error(`unexpected waiting-room state ${state}`);
  }
}

const rateOf = (reply: PlacementReply) => (reply[2] === null || reply[2] === undefined ? undefined : Number(reply[2]));

/** The per-concert line in Redis: one Lua script per operation, keys in the concert's hash slot. */
export function redisWaitingLine(redis: Redis): WaitingLine {
  return {
    async join(concertId, userId, o): Promise<JoinResult | 'FULL'> {
      const k = waitingRoomKeys(concertId);
      const reply = await JOIN.run<PlacementReply>(
        redis,
        [k.waiting, k.active, k.prequeue, k.lapsed, k.state, k.seq, k.opened],
        [userId, o.nowMs, o.maxWaiting, o.phase],
      );
      if (reply[0] === 'FULL') return 'FULL';
      return { placement: toPlacement(reply), measuredRate: rateOf(reply), lineWasEmpty: reply[3] === 1 };
    },

    async placement(concertId, userId, nowMs): Promise<PlacementView> {
      const k = waitingRoomKeys(concertId);
      const reply = await STATUS.run<PlacementReply>(redis, [k.waiting, k.active, k.prequeue, k.lapsed, k.state], [userId, nowMs]);
      return { placement: toPlacement(reply), measuredRate: rateOf(reply) };
    },

    async leave(concertId, userId) {
      const k = waitingRoomKeys(concertId);
      await LEAVE.run(redis, [k.waiting, k.active, k.prequeue, k.lapsed, k.shift, k.pushed], [userId]);
    },

    async stats(concertId) {
      const k = waitingRoomKeys(concertId);
      const [waiting, active, prequeue, admitted] = await execReplies<[number, number, number, string | null]>(
        redis.pipeline().zcard(k.waiting).zcard(k.active).zcard(k.prequeue).get(k.admitted),
      );
      return { waiting, active, prequeue, admittedTotal: Number(admitted ?? 0) };
    },

    async admit(concertId, o): Promise<AdmitResult> {
      const k = waitingRoomKeys(concertId);
      const [lapsed, admitted, shift, waiting, active, prequeue, expiresAtMs, rate, tickAt] = await ADMIT.run<
        [string[], string[], number, number, number, number, number, string | null, string | null]
      >(redis, [k.waiting, k.active, k.shift, k.admitted, k.lapsed, k.pushed, k.prequeue, k.state], [o.nowMs, o.admitPerSecond, o.maxActive, o.ttlMs]);
      return {
        lapsed,
        admitted,
        shift,
        waiting,
        active,
        prequeue,
        expiresAtMs,
        previousRate: rate === null ? undefined : Number(rate),
        previousTickAtMs: tickAt === null ? undefined : Number(tickAt),
      };
    },

    activeSlotExpiry: redisActiveSlots(redis).activeSlotExpiry,

    async carryShift(concertId, shift) {
      if (shift > 0) await redis.incrby(waitingRoomKeys(concertId).shift, shift);
    },

    async saveMeasuredRate(concertId, rate, tickAtMs) {
      await redis.hset(waitingRoomKeys(concertId).state, { rate: String(rate), tickAt: String(tickAtMs) });
    },

    async prequeueArrivals(concertId) {
      const k = waitingRoomKeys(concertId);
      const [opened, arrivals] = await execReplies<[number, string[]]>(redis.pipeline().exists(k.opened).zrange(k.prequeue, '0', '-1'));
      return opened ? undefined : arrivals;
    },

    async openPrequeue(concertId, ordered, audit) {
      const k = waitingRoomKeys(concertId);
      const placed = await OPEN_PREQUEUE.run<number>(redis, [k.prequeue, k.waiting, k.opened], [audit.seed, audit.openedAtMs, ...ordered]);
      return placed < 0 ? { placed: 0, opened: false } : { placed, opened: true };
    },
  };
}
