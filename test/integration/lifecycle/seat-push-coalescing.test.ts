import { describe, expect, it } from 'vitest';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { CONNECTION_TTL_SECONDS } from '#adapters/realtime/redis-connection-registry';
import { DetailType } from '#domain/events';
import { redis } from '#platform/clients';
import { ulids } from '#platform/ids';
import { catalogDeps } from '#composition/catalog';
import { readAvailability } from '#services/catalog/seat-map-reads';
import { liveUpdates } from '#composition/live-updates';
import { handler as disconnect } from '../../../functions/ws/disconnect';
import { seatsTaken } from '../../../functions/workers/seats-released';
import { useConnectionsStandIn } from '../../helpers/connections-stand-in';
import { delivered, wsEvent } from '../../helpers/route-events';
import { seedShow } from '../reservations/fixtures';

const { posts } = useConnectionsStandIn();

interface SeatsMessage {
  type: string;
  showId: string;
  version: number;
  changes: Array<{ seatId: string; status: string }>;
}
const seatsTo = (connectionId: string) => posts.filter((p) => p.connectionId === connectionId).map((p) => p.body as unknown as SeatsMessage);

/** The ReservationHeld event of a hold on `seatIds` (the seat workers read nothing else). */
const heldEvent = (concertId: string, showId: string, seatIds: string[]) =>
  delivered({
    detailType: DetailType.ReservationHeld,
    detail: { reservationId: ulids.next(), userId: 'u', concertId, showId, seatIds, status: 'HOLD', holdExpiresAt: new Date(Date.now() + 600_000).toISOString() },
  });

describe('coalesced, bounded seat pushes', () => {
  it('delivers 1,000 seat changes made within one second to each watcher as at most 2 SEATS messages holding exactly those changes', async () => {
    const { concertId, showId, seatIds } = await seedShow({ rows: 20, seatsPerRow: 60 });
    const opened = await readAvailability(catalogDeps(), concertId, showId);
    const watchers = ['w1', 'w2', 'w3'].map((w) => `${w}-${ulids.next()}`);
    for (const w of watchers) await liveUpdates().seats.watch(showId, w);
    const changed = seatIds.slice(0, 1_000);

    // 250 holds of 4 seats, their events spread over one second, as the event rule would deliver them.
    const events = Array.from({ length: 250 }, (_, i) => heldEvent(concertId, showId, changed.slice(i * 4, i * 4 + 4)));
    const started = Date.now();
    const results = await Promise.all(
      events.map(async (e, i) => {
        await new Promise((r) => setTimeout(r, Math.floor((i / events.length) * 1_000)));
        return seatsTaken(e);
      }),
    );
    console.info(`1,000 changes recorded and pushed in ${Date.now() - started} ms by ${results.filter((r) => r.messages > 0).length} flushing invocations`);

    for (const w of watchers) {
      const messages = seatsTo(w);
      expect(messages.length).toBeGreaterThanOrEqual(1);
      expect(messages.length).toBeLessThanOrEqual(2);
      expect(messages.map((m) => m.version)).toEqual(messages.map((_, i) => Number(opened.version) + 1 + i));
      const union = messages.flatMap((m) => m.changes);
      expect(union).toHaveLength(1_000);
      expect(new Set(union.map((c) => c.seatId))).toEqual(new Set(changed));
      expect(new Set(union.map((c) => c.status))).toEqual(new Set(['HELD']));
    }
    // O(watchers) per interval: one call per watcher per message, whatever the number of changes.
    const calls = posts.filter((p) => watchers.includes(p.connectionId)).length;
    expect(calls).toBe(watchers.length * seatsTo(watchers[0]!).length);
    expect(results.reduce((n, r) => n + r.pushed, 0)).toBe(calls);
  }, 60_000);

  it('sends nothing to a watcher after it disconnects, and leaves no entry behind', async () => {
    const a = await seedShow();
    const b = await seedShow();
    await Promise.all([readAvailability(catalogDeps(), a.concertId, a.showId), readAvailability(catalogDeps(), b.concertId, b.showId)]);
    const leaver = `leaver-${ulids.next()}`;
    const stayer = `stayer-${ulids.next()}`;
    await liveUpdates().seats.watch(a.showId, leaver);
    await liveUpdates().seats.watch(b.showId, leaver);
    await liveUpdates().seats.watch(a.showId, stayer);

    expect((await disconnect(wsEvent(leaver, 'u', undefined, '$disconnect'), {} as never)).statusCode).toBe(200);
    expect(await redis().zscore(`seatwatch:{${a.showId}}`, leaver)).toBeNull();
    expect(await redis().zscore(`seatwatch:{${b.showId}}`, leaver)).toBeNull();
    expect(await redis().exists(`seatwatch:conn:${leaver}`)).toBe(0);

    await Promise.all([seatsTaken(heldEvent(a.concertId, a.showId, [a.seatIds[0]!])), seatsTaken(heldEvent(b.concertId, b.showId, [b.seatIds[0]!]))]);
    expect(seatsTo(stayer)).toHaveLength(1);
    expect(seatsTo(leaver)).toEqual([]);
  });

  it('drops a watch that outlived the longest connection without any push to it', async () => {
    const { showId } = await seedShow();
    const watchers = redisSeatWatchers(redis());
    const now = Date.now();
    await watchers.watch(showId, 'stale', now - CONNECTION_TTL_SECONDS * 1000 - 1);
    await watchers.watch(showId, 'fresh', now);
    expect((await watchers.watchersOf(showId, now)).map((w) => w.connectionId)).toEqual(['fresh']);
    expect(await redis().zscore(`seatwatch:{${showId}}`, 'stale')).toBeNull();
  });
});
