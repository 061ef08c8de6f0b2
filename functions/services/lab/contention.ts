import { DomainError } from '#domain/errors';
import type { LabLedger, LabSeats, SeatLock, Strategy, WriteResult } from './ports';

/**
 * The same single-seat reservation done five ways, to show why production uses one conditional write.
 * `none` reads, pauses the way real request handling does, and writes blindly — under concurrency several
 * buyers "win" the same seat. The others are correct; they differ in cost.
 */
export interface ContentionLabDeps {
  seats: LabSeats;
  leaseLock: SeatLock;
  redisLock: SeatLock;
  ledger: LabLedger;
  sleep?: (ms: number) => Promise<void>;
}

export interface Attempt {
  won: boolean;
  /** Writes or lock acquisitions tried. */
  tries: number;
  reason?: 'TAKEN' | 'CONTENDED' | 'LOCK_TIMEOUT' | 'NO_SUCH_SEAT';
}

const OPTIMISTIC_MAX_TRIES = 5;
const LOCK_TTL_MS = 3000;
const LOCK_WAIT_MS = 5000;
const NONE_PAUSE_MS = [2, 10] as const;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const jitter = (baseMs: number, attempt: number) => Math.random() * Math.min(100, baseMs * 2 ** attempt);

export function contentionLab(deps: ContentionLabDeps) {
  const sleep = deps.sleep ?? defaultSleep;

  async function withLock(lock: SeatLock, seatId: string, owner: string, body: (fence: number) => Promise<Attempt>): Promise<Attempt> {
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    for (let tries = 1; ; tries++) {
      const fence = await lock.tryAcquire(seatId, owner, LOCK_TTL_MS);
      if (fence !== undefined) {
        try {
          const result = await body(fence);
          return { ...result, tries };
        } finally {
          await lock.release(seatId, owner);
        }
      }
      if (Date.now() >= giveUpAt) return { won: false, tries, reason: 'LOCK_TIMEOUT' };
      await sleep(2 + jitter(2, Math.min(tries, 5)));
    }
  }

  const attempt: Record<Strategy, (seatId: string, userId: string) => Promise<Attempt>> = {
    async none(seatId, userId) {
      const seat = await deps.seats.read(seatId);
      if (!seat) return { won: false, tries: 0, reason: 'NO_SUCH_SEAT' };
      if (seat.status !== 'AVAILABLE') return { won: false, tries: 0, reason: 'TAKEN' };
      await sleep(NONE_PAUSE_MS[0] + Math.random() * (NONE_PAUSE_MS[1] - NONE_PAUSE_MS[0]));
      await deps.seats.writeUnguarded(seatId, userId);
      return { won: true, tries: 1 };
    },
    async optimistic(seatId, userId) {
      for (let tries = 1; tries <= OPTIMISTIC_MAX_TRIES; tries++) {
        const seat = await deps.seats.read(seatId);
        if (!seat) return { won: false, tries: tries - 1, reason: 'NO_SUCH_SEAT' };
        if (seat.status !== 'AVAILABLE') return { won: false, tries: tries - 1, reason: 'TAKEN' };
        const result = await deps.seats.writeIfVersion(seatId, userId, seat.version);
        if (result === 'applied') return { won: true, tries };
        if (result === 'missing') return { won: false, tries, reason: 'NO_SUCH_SEAT' };
        await sleep(jitter(5, tries));
      }
      return { won: false, tries: OPTIMISTIC_MAX_TRIES, reason: 'CONTENDED' };
    },
    'lease-lock': (seatId, userId) =>
      withLock(deps.leaseLock, seatId, `${userId}:${Math.random().toString(36).slice(2)}`, async () => {
        // Exclusion rests on the lease alone: a section that outlived LOCK_TTL_MS could double-book.
        const seat = await deps.seats.read(seatId);
        if (!seat) return { won: false, tries: 1, reason: 'NO_SUCH_SEAT' };
        if (seat.status !== 'AVAILABLE') return { won: false, tries: 1, reason: 'TAKEN' };
        await deps.seats.writeUnguarded(seatId, userId);
        return { won: true, tries: 1 };
      }),
    'redis-lock': (seatId, userId) =>
      withLock(deps.redisLock, seatId, `${userId}:${Math.random().toString(36).slice(2)}`, async (fence) => {
        const seat = await deps.seats.read(seatId);
        if (!seat) return { won: false, tries: 1, reason: 'NO_SUCH_SEAT' };
        if (seat.status !== 'AVAILABLE') return { won: false, tries: 1, reason: 'TAKEN' };
        // The fencing token closes the gap a lapsed lock leaves: an older holder's late write is refused.
        return outcome(await deps.seats.writeFenced(seatId, userId, fence), 'CONTENDED');
      }),
    async conditional(seatId, userId) {
      return outcome(await deps.seats.writeIfAvailable(seatId, userId), 'TAKEN');
    },
  };

  return {
    /** One buyer's attempt, recorded in the ledger. Losing is an answer, not an error. */
    async reserve(strategy: Strategy, seatId: string, userId: string): Promise<Attempt> {
      const result = await attempt[strategy](seatId, userId);
      if (result.reason === 'NO_SUCH_SEAT') throw new DomainError('NOT_FOUND', `Lab seat ${seatId} does not exist; reset the lab with more seats`, { seatId });
      await deps.ledger.record(strategy, seatId, userId, result.won);
      return result;
    },
    async reset(seatCount: number): Promise<{ seatIds: string[] }> {
      const seatIds = labSeatIds(seatCount);
      await deps.ledger.reset();
      await deps.seats.reset(seatIds);
      return { seatIds };
    },
    report: () => deps.ledger.report(),
  };
}

function outcome(result: WriteResult, refused: Attempt['reason']): Attempt {
  if (result === 'applied') return { won: true, tries: 1 };
  return { won: false, tries: 1, reason: result === 'missing' ? 'NO_SUCH_SEAT' : refused };
}

export const labSeatIds = (count: number): string[] => Array.from({ length: count }, (_, i) => `A-1-${i + 1}`);
