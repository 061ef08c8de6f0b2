import { describe, expect, it } from 'vitest';
import { catalogDeps } from '#composition/catalog';
import { realHoldSeatsPorts, wireHoldSeats } from '#composition/hold-seats';
import { liveUpdates } from '#composition/live-updates';
import { DetailType, type DomainEvent } from '#domain/events';
import { redis } from '#platform/clients';
import { ulids } from '#platform/ids';
import { readAvailability } from '#services/catalog/seat-map-reads';
import { seatsTaken } from '../../../functions/workers/seats-released';
import { useConnectionsStandIn } from '../../helpers/connections-stand-in';
import { delivered } from '../../helpers/route-events';
import { recordingDeadlines, seedShow } from '../reservations/fixtures';
import { reservationServices } from '../reservations/harness';
import { buyer } from './harness';

const { posts } = useConnectionsStandIn();
const services = reservationServices();

const seatsTo = (connectionId: string) => posts.filter((p) => p.connectionId === connectionId).map((p) => p.body as { version: number; changes: Array<{ seatId: string; status: string }> });

/** Another buyer's hold, as its stream event reaches the seat worker. */
const heldEvent = (concertId: string, showId: string, seatIds: string[]) =>
  delivered({
    detailType: DetailType.ReservationHeld,
    detail: { reservationId: ulids.next(), userId: 'u', concertId, showId, seatIds, status: 'HOLD', holdExpiresAt: new Date(Date.now() + 600_000).toISOString() },
  });

/** The hold's own ReservationHeld, once DynamoDB Local's stream has it. */
async function streamEventOf(reservationId: string): Promise<DomainEvent> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const held = (await services.events.of(reservationId)).find((e) => e.detailType === DetailType.ReservationHeld);
    if (held) return held;
  }
  throw new Error(`no ReservationHeld for ${reservationId} on the stream`);
}

async function watchedShow() {
  const show = await seedShow();
  const opened = await readAvailability(catalogDeps(), show.concertId, show.showId);
  const watcher = `w-${ulids.next()}`;
  await liveUpdates().seats.watch(show.showId, watcher);
  return { ...show, watcher, version: Number(opened.version) };
}

describe('seat changes posted at commit', () => {
  it('takes a committed hold into the show’s next version without waiting for its stream event, which then changes nothing', async () => {
    const { concertId, showId, seatIds, watcher, version } = await watchedShow();
    // Our hold commits; another hold's stream event opens the show's next interval before ours arrives.
    const held = await services.hold({ principal: buyer(), showId, seatIds: [seatIds[1]!] });
    expect(await seatsTaken(heldEvent(concertId, showId, [seatIds[0]!]))).toMatchObject({ messages: 1 });
    expect(seatsTo(watcher)).toEqual([
      expect.objectContaining({
        version: version + 1,
        changes: expect.arrayContaining([
          { seatId: seatIds[0], status: 'HELD' },
          { seatId: seatIds[1], status: 'HELD' },
        ]),
      }),
    ]);

    expect(await seatsTaken(delivered(await streamEventOf(held.reservationId)))).toEqual({ pushed: 0, messages: 0 });
    expect(seatsTo(watcher)).toHaveLength(1);
  }, 30_000);

  it('holds when the post fails, and the seats reach the watchers by the stream', async () => {
    const { showId, seatIds, watcher, version } = await watchedShow();
    const hold = wireHoldSeats({
      ...realHoldSeatsPorts(),
      admission: { verify: async () => undefined },
      deadlines: recordingDeadlines(),
      popularity: undefined,
      seatChanges: { post: () => Promise.reject(Object.assign(new Error('Connection is closed.'), { name: 'Error' })) },
    });
    const held = await hold({ principal: buyer(), showId, seatIds: [seatIds[2]!] });
    expect(await redis().llen(`avail:{${showId}}:inbox`)).toBe(0);

    expect(await seatsTaken(delivered(await streamEventOf(held.reservationId)))).toMatchObject({ messages: 1 });
    expect(seatsTo(watcher)).toEqual([expect.objectContaining({ version: version + 1, changes: [{ seatId: seatIds[2], status: 'HELD' }] })]);
  }, 30_000);

  it('opens a busy show’s next interval from its last publish, and an idle show’s from its first change', async () => {
    const { showId } = await watchedShow();
    const store = catalogDeps().availability;
    const held = (slot: number) => [{ slot, code: 1, reservationId: ulids.next(), rank: 1, holdExpiresAtMs: 0 }];
    const t = Date.now();
    expect(await store.record(showId, held(0), t, 1000)).toEqual({ flushAt: t + 1000 });
    expect(await store.record(showId, held(1), t + 200, 1000)).toEqual({});
    await store.publish(showId, t + 1000);
    // The next change arrives 300 ms after the publish (a stream read later): its interval still ends one interval
    // (plus a tenth, the pace's slack) after the publish, not a whole interval after it arrived.
    expect(await store.record(showId, held(2), t + 1300, 1000)).toEqual({ flushAt: t + 2100 });
    await store.publish(showId, t + 2100);
    expect(await store.record(showId, held(3), t + 5000, 1000)).toEqual({ flushAt: t + 6000 });
  });
});
