import { describe, expect, it } from 'vitest';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { catalogDeps } from '#composition/catalog';
import { DetailType } from '#domain/events';
import type { ServerMessage } from '#domain/realtime/messages';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { redis } from '#platform/clients';
import { systemClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { readAvailability } from '#services/catalog/seat-map-reads';
import { seatWatch } from '#services/live-updates/seat-watch';
import { seedShow } from '../reservations/fixtures';

const INTERVAL_MS = 400;
const WATCHERS = 40;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The @connections side of the fan-out, timed: the first version's pushes answer slowly, later watchers slowest (a
 * congested fan-out), every later one at once. A message reaches its watcher when its call returns.
 */
function timedPush() {
  const seen = new Map<string, Array<{ version: number; at: number }>>();
  return {
    seen,
    async send(connectionId: string, message: ServerMessage) {
      const version = (message as { version: number }).version;
      const index = Number(connectionId.split('-')[1]);
      if ((seen.get(connectionId) ?? []).length === 0) await sleep(20 + index * 15);
      seen.set(connectionId, [...(seen.get(connectionId) ?? []), { version, at: Date.now() }]);
      return 'sent' as const;
    },
  };
}

describe('paced seat fan-outs', () => {
  it('keeps every watcher at one SEATS message per interval when a fast fan-out follows a slow one', async () => {
    const { concertId, showId, seatIds } = await seedShow();
    await readAvailability(catalogDeps(), concertId, showId);
    const watchers = redisSeatWatchers(redis());
    const push = timedPush();
    // Forty watchers are one part: nothing is handed over.
    const parts = { dispatch: () => Promise.reject(new Error('a 40-watcher fan-out has one part')) };
    const seats = seatWatch({ watchers, push, catalog: catalogDeps(), clock: systemClock, intervalMs: INTERVAL_MS, sleep, parts });
    const run = ulids.next();
    for (let i = 0; i < WATCHERS; i++) await seats.watch(showId, `w-${i}-${run}`);
    const held = (seatId: string) =>
      seatChangeOf(DetailType.ReservationHeld, { reservationId: ulids.next(), concertId, showId, seatIds: [seatId], holdExpiresAt: new Date(Date.now() + 600_000).toISOString() })!;

    // The first version's fan-out takes ~600 ms; the second change opens its interval while that runs, so its
    // fan-out starts the moment the first ends.
    const first = seats.announce(held(seatIds[0]!));
    await sleep(INTERVAL_MS + 100);
    const second = seats.announce(held(seatIds[1]!));
    await Promise.all([first, second]);

    const lastOfFirst = Math.max(...[...push.seen.values()].map((m) => m[0]!.at));
    const firstOfSecond = Math.min(...[...push.seen.values()].map((m) => m[1]!.at));
    // Unpaced, the second fan-out would reach the slow watchers right after the first did.
    expect(firstOfSecond).toBeLessThan(lastOfFirst + INTERVAL_MS);
    for (const [connectionId, messages] of push.seen) {
      expect(messages.map((m) => m.version), connectionId).toEqual([messages[0]!.version, messages[0]!.version + 1]);
      // A timer may fire a millisecond before its due instant.
      expect(messages[1]!.at - messages[0]!.at, connectionId).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
    }
    expect(push.seen.size).toBe(WATCHERS);
  }, 30_000);
});
