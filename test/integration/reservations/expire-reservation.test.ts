import { describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { forcePaying, seedShow } from './fixtures';
import { reservationServices } from './harness';

const get = async (key: Record<string, string>) => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item ?? {};

describe('expiring a hold at its deadline', () => {
  it('frees the seats and the ticket allowance, after which a second buyer holds them', async () => {
    const { showId, concertId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = new ManualClock(new Date('2026-12-24T11:00:00.000Z'));
    const svc = reservationServices({ clock });
    const r = await svc.hold({ principal: { userId: 'first', tier: 'BASIC' }, showId, seatIds: ['A-1-1', 'A-1-2'] });

    clock.advance(60);
    expect(await svc.expire(r.reservationId, 'HOLD')).toEqual({ status: 'EXPIRED' });
    expect(await svc.reservations.get(r.reservationId)).toMatchObject({ status: 'EXPIRED', expiredAt: '2026-12-24T11:01:00.000Z', version: 2 });
    for (const id of ['A-1-1', 'A-1-2']) {
      const s = await get(keys.seat(showId, id));
      expect(s.status).toBe('AVAILABLE');
      expect(s).not.toHaveProperty('reservationId');
    }
    expect((await get(keys.ticketCounter(concertId, 'first'))).count).toBe(0);
    const events = await svc.events.of(r.reservationId);
    expect(events.map((e) => e.detailType)).toEqual(['ReservationHeld', 'ReservationExpired', 'SeatsReleased']);
    expect(events[2]?.detail).toMatchObject({ seatIds: ['A-1-1', 'A-1-2'], reason: 'EXPIRED' });

    const second = await svc.hold({ principal: { userId: 'second', tier: 'BASIC' }, showId, seatIds: ['A-1-1', 'A-1-2'] });
    expect((await get(keys.seat(showId, 'A-1-2'))).reservationId).toBe(second.reservationId);
  });

  it('does nothing before the deadline, and nothing the second time', async () => {
    const { showId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = new ManualClock(new Date('2026-12-24T11:00:00.000Z'));
    const svc = reservationServices({ clock });
    const r = await svc.hold({ principal: { userId: 'u', tier: 'BASIC' }, showId, seatIds: ['A-1-1'] });
    clock.advance(30);
    expect(await svc.expire(r.reservationId, 'HOLD')).toEqual({ status: 'HOLD' });
    expect((await get(keys.seat(showId, 'A-1-1'))).status).toBe('HELD');
    clock.advance(30);
    expect(await svc.expire(r.reservationId, 'HOLD')).toEqual({ status: 'EXPIRED' });
    expect(await svc.expire(r.reservationId, 'HOLD')).toEqual({ status: 'EXPIRED' });
    expect((await svc.events.of(r.reservationId)).filter((e) => e.detailType === 'ReservationExpired')).toHaveLength(1);
  });

  it('leaves a seat alone that another buyer took after the hold lapsed, and still returns the allowance', async () => {
    const { showId, concertId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = new ManualClock(new Date('2026-12-24T11:00:00.000Z'));
    const svc = reservationServices({ clock });
    const lapsed = await svc.hold({ principal: { userId: 'late', tier: 'BASIC' }, showId, seatIds: ['A-1-1', 'A-1-2'] });
    clock.advance(61);
    const taker = await svc.hold({ principal: { userId: 'quick', tier: 'BASIC' }, showId, seatIds: ['A-1-1'] });
    expect(await svc.expire(lapsed.reservationId, 'HOLD')).toEqual({ status: 'EXPIRED' });
    expect(await get(keys.seat(showId, 'A-1-1'))).toMatchObject({ status: 'HELD', reservationId: taker.reservationId });
    expect((await get(keys.seat(showId, 'A-1-2'))).status).toBe('AVAILABLE');
    expect((await get(keys.ticketCounter(concertId, 'late'))).count).toBe(0);
    expect((await svc.events.of(lapsed.reservationId)).at(-1)?.detail).toMatchObject({ seatIds: ['A-1-2'] });
  });

  it('hands the PAYING deadline back to the state machine instead of expiring at the hold deadline', async () => {
    const { showId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = new ManualClock(new Date('2026-12-24T11:00:00.000Z'));
    const svc = reservationServices({ clock });
    const r = await svc.hold({ principal: { userId: 'payer', tier: 'BASIC' }, showId, seatIds: ['A-1-1'] });
    // Payment (another capability) moves it to PAYING with its own deadline.
    await forcePaying(r.reservationId, '2026-12-24T11:10:00.000Z');
    clock.advance(60);
    expect(await svc.expire(r.reservationId, 'HOLD')).toEqual({ status: 'PAYING', paymentExpiresAt: '2026-12-24T11:10:00.000Z' });
    clock.set('2026-12-24T11:10:00.000Z');
    expect(await svc.expire(r.reservationId, 'PAYING')).toEqual({ status: 'EXPIRED' });
    expect((await get(keys.seat(showId, 'A-1-1'))).status).toBe('AVAILABLE');
  });

  it('lets exactly one of many concurrent expiries win', async () => {
    const { showId, concertId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = new ManualClock(new Date('2026-12-24T11:00:00.000Z'));
    const svc = reservationServices({ clock });
    const r = await svc.hold({ principal: { userId: 'u', tier: 'BASIC' }, showId, seatIds: ['A-1-1', 'A-1-2'] });
    clock.advance(60);
    const results = await Promise.all(Array.from({ length: 8 }, () => svc.expire(r.reservationId, 'HOLD')));
    expect(results.every((x) => x.status === 'EXPIRED')).toBe(true);
    expect((await get(keys.ticketCounter(concertId, 'u'))).count).toBe(0);
    expect((await svc.events.of(r.reservationId)).filter((e) => e.detailType === 'ReservationExpired')).toHaveLength(1);
  });

  it('reports an unknown reservation as NOT_FOUND', async () => {
    expect(await reservationServices().expire('nope', 'HOLD')).toEqual({ status: 'NOT_FOUND' });
  });
});
