import { describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { connectionRegistry } from '#composition/realtime';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { dynamo, redis, tableName } from '#platform/clients';
import { ulids } from '#platform/ids';
import { waitingRoom } from '#composition/waiting-room';
import { handler as watchSeats } from '../../../functions/ws/watch-seats';
import { handler as unwatchSeats } from '../../../functions/ws/unwatch-seats';
import { handler as seatsReleased, seatsTaken } from '../../../functions/workers/seats-released';
import { handler as reservationStatus } from '../../../functions/workers/reservation-status';
import { catalogDeps } from '#composition/catalog';
import { readAvailability } from '#services/catalog/seat-map-reads';
import { seedShow } from '../reservations/fixtures';
import { reservationServices } from '../reservations/harness';
import { buyer } from './harness';
import { useConnectionsStandIn } from '../../helpers/connections-stand-in';
import { delivered, wsEvent } from '../../helpers/route-events';

process.env.SEAT_PUSH_INTERVAL_MS = '100';
const { posts } = useConnectionsStandIn();

const to = (connectionId: string) => posts.filter((p) => p.connectionId === connectionId).map((p) => p.body);
const seat = async (showId: string, seatId: string) => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.seat(showId, seatId), ConsistentRead: true }))).Item!;

describe('seat pushes, owner pushes and resale to the line', () => {
  it('pushes HELD then AVAILABLE to watchers, RESERVATION to the owner, and admits one more user when a hold is cancelled', async () => {
    const { concertId, showId, seatIds } = await seedShow();
    const room = waitingRoom();
    await room.settings.save(concertId, { mode: 'direct', admitPerSecond: 10, maxActive: 1, activeTtlSeconds: 600, maxWaiting: 1000, randomizeAtOpen: false });
    const first = buyer();
    const next = buyer();
    await room.queue.join(concertId, first.userId);
    await room.queue.join(concertId, next.userId);
    expect(await room.tick.run(concertId)).toMatchObject({ admitted: 1 });
    expect(await room.queue.status(concertId, next.userId)).toMatchObject({ status: 'WAITING', position: 1 });

    // A seat page opens with the availability (which builds it), then watches.
    const opened = await readAvailability(catalogDeps(), concertId, showId);
    const watcher = `watch-${ulids.next()}`;
    const goneWatcher = `gone-${ulids.next()}`;
    expect((await watchSeats(wsEvent(watcher, 'someone', { action: 'watchSeats', showId }), {} as never)).statusCode).toBe(200);
    expect((await watchSeats(wsEvent(goneWatcher, 'someone', { action: 'watchSeats', showId }), {} as never)).statusCode).toBe(200);
    expect((await watchSeats(wsEvent(watcher, 'someone', { action: 'watchSeats' }), {} as never)).statusCode).toBe(400);
    const ownerConnection = `owner-${ulids.next()}`;
    await connectionRegistry().register(ownerConnection, first.userId);

    const s = reservationServices();
    const r = await s.hold({ principal: first, showId, seatIds: [seatIds[0]!] });
    for (const e of await s.events.of(r.reservationId)) {
      if (e.detailType === 'ReservationHeld') await seatsTaken(delivered(e));
      await reservationStatus(delivered(e));
    }
    expect(to(watcher)).toEqual([{ type: 'SEATS', showId, version: Number(opened.version) + 1, changes: [{ seatId: seatIds[0], status: 'HELD' }], ts: expect.any(String) }]);
    // The gone connection was dropped from the show's watchers by its 410.
    expect((await redisSeatWatchers(redis()).watchersOf(showId, Date.now())).map((w) => w.connectionId)).toEqual([watcher]);

    await s.change(r.reservationId, 'CANCELLED');
    expect((await seat(showId, seatIds[0]!)).status).toBe('AVAILABLE');
    const afterCancel = (await s.events.of(r.reservationId)).slice(1);
    const released = afterCancel.find((e) => e.detailType === 'SeatsReleased')!;
    expect(await seatsReleased(delivered(released))).toEqual({ pushed: 1, slotReleased: true });
    for (const e of afterCancel.filter((x) => x.detailType.startsWith('Reservation'))) await reservationStatus(delivered(e));

    expect(to(watcher).at(-1)).toEqual({ type: 'SEATS', showId, version: Number(opened.version) + 2, changes: [{ seatId: seatIds[0], status: 'AVAILABLE' }], ts: expect.any(String) });
    expect(to(ownerConnection).map((m) => [m.type, m.reservationId, m.status])).toEqual([
      ['RESERVATION', r.reservationId, 'HOLD'],
      ['RESERVATION', r.reservationId, 'CANCELLED'],
    ]);
    expect(await room.tick.run(concertId)).toMatchObject({ admitted: 1, active: 1 });
    expect(await room.queue.status(concertId, next.userId)).toMatchObject({ status: 'ACTIVE' });

    expect((await unwatchSeats(wsEvent(watcher, 'someone', { action: 'unwatchSeats', showId }), {} as never)).statusCode).toBe(200);
    expect(await redisSeatWatchers(redis()).watchersOf(showId, Date.now())).toEqual([]);
  });

  it('frees no slot for a buyer who is no longer active', async () => {
    const { concertId, showId, seatIds } = await seedShow();
    const s = reservationServices();
    const r = await s.hold({ principal: buyer(), showId, seatIds: [seatIds[0]!] });
    await s.change(r.reservationId, 'CANCELLED');
    const released = (await s.events.of(r.reservationId)).find((e) => e.detailType === 'SeatsReleased')!;
    expect(released.detail).toMatchObject({ concertId, showId, seatIds: [seatIds[0]] });
    expect(await seatsReleased(delivered(released))).toEqual({ pushed: 0, slotReleased: false });
  });

  it('changes nothing when the same events arrive twice: no second eviction of a buyer admitted again, no seat-map change', async () => {
    const { concertId, showId, seatIds } = await seedShow();
    const room = waitingRoom();
    await room.settings.save(concertId, { mode: 'direct', admitPerSecond: 10, maxActive: 1, activeTtlSeconds: 600, maxWaiting: 1000, randomizeAtOpen: false });
    const fan = buyer();
    await room.queue.join(concertId, fan.userId);
    expect(await room.tick.run(concertId)).toMatchObject({ admitted: 1 });
    await readAvailability(catalogDeps(), concertId, showId);

    const s = reservationServices();
    const r = await s.hold({ principal: fan, showId, seatIds: [seatIds[0]!] });
    await s.change(r.reservationId, 'CANCELLED');
    const events = await s.events.of(r.reservationId);
    expect(events.map((e) => e.detailType)).toEqual(['ReservationHeld', 'ReservationCancelled', 'SeatsReleased']);
    const released = events[2]!;
    await seatsTaken(delivered(events[0]!));
    expect(await seatsReleased(delivered(released))).toEqual({ pushed: 0, slotReleased: true });
    const settled = await readAvailability(catalogDeps(), concertId, showId);

    // The buyer comes back to the line and is admitted again; then the stream (or EventBridge) delivers them all again.
    await room.queue.join(concertId, fan.userId);
    expect(await room.tick.run(concertId)).toMatchObject({ admitted: 1 });
    for (const e of events) {
      if (e.detailType === 'SeatsReleased') expect(await seatsReleased(delivered(e))).toEqual({ pushed: 0, slotReleased: false });
      else if (e.detailType === 'ReservationHeld') await seatsTaken(delivered(e));
    }
    expect(await room.queue.status(concertId, fan.userId)).toMatchObject({ status: 'ACTIVE' });
    const after = await readAvailability(catalogDeps(), concertId, showId);
    expect(after.version).toBe(settled.version);
    expect((await seat(showId, seatIds[0]!)).status).toBe('AVAILABLE');
  });
});
