import { describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { seedShow } from './fixtures';
import { reservationServices } from './harness';

const get = async (key: Record<string, string>) => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item ?? {};
const start = () => new ManualClock(new Date('2026-12-24T11:00:00.000Z'));

describe('moving a reservation through its states, seats included', () => {
  it('HOLD → PAYING keeps the seats through the payment window; → CONFIRMED sells them; → CANCELLED frees them; → REFUNDED', async () => {
    const { showId, concertId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = start();
    const svc = reservationServices({ clock });
    const r = await svc.hold({ principal: { userId: 'payer', tier: 'BASIC' }, showId, seatIds: ['A-1-1', 'A-1-2'] });

    clock.advance(30);
    const paying = await svc.change(r.reservationId, 'PAYING', { paymentExpiresAt: new Date('2026-12-24T11:10:00.000Z'), paymentIntentId: 'pi_1' });
    expect(paying).toMatchObject({ status: 'PAYING', paymentIntentId: 'pi_1', version: 2 });
    expect(await get(keys.seat(showId, 'A-1-1'))).toMatchObject({ status: 'HELD', holdExpiresAt: '2026-12-24T11:10:00.000Z' });

    clock.advance(60); // past the hold deadline, inside the payment window: nobody else may take the seats
    await expect(svc.hold({ principal: { userId: 'sniper', tier: 'BASIC' }, showId, seatIds: ['A-1-1'] })).rejects.toMatchObject({ code: 'SEAT_UNAVAILABLE' });

    await svc.change(r.reservationId, 'CONFIRMED');
    expect(await get(keys.seat(showId, 'A-1-2'))).toMatchObject({ status: 'SOLD', reservationId: r.reservationId });
    expect(await get(keys.seat(showId, 'A-1-2'))).not.toHaveProperty('holdExpiresAt');

    const cancelled = await svc.change(r.reservationId, 'CANCELLED');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledAt: '2026-12-24T11:01:30.000Z' });
    expect((await get(keys.seat(showId, 'A-1-1'))).status).toBe('AVAILABLE');
    expect((await get(keys.ticketCounter(concertId, 'payer'))).count).toBe(0);

    expect((await svc.change(r.reservationId, 'REFUNDED')).status).toBe('REFUNDED');
    expect((await svc.events.of(r.reservationId)).map((e) => e.detailType)).toEqual([
      'ReservationHeld', 'ReservationPaying', 'ReservationConfirmed', 'ReservationCancelled', 'SeatsReleased', 'ReservationRefunded',
    ]);
    expect(svc.deadlines.stopped).toEqual([r.reservationId, r.reservationId]);
  });

  it('refuses a move the state machine forbids, without writing', async () => {
    const { showId } = await seedShow();
    const svc = reservationServices({ clock: start() });
    const r = await svc.hold({ principal: { userId: 'u', tier: 'BASIC' }, showId, seatIds: ['A-1-3'] });
    await expect(svc.change(r.reservationId, 'CONFIRMED')).rejects.toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'HOLD', to: 'CONFIRMED' } });
    await expect(svc.change(r.reservationId, 'REFUNDED')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(svc.change('missing', 'CANCELLED')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await svc.reservations.get(r.reservationId))?.version).toBe(1);
  });

  it('never ends both CONFIRMED and EXPIRED when confirmation races expiry', async () => {
    const { showId } = await seedShow({ rows: 2, seatsPerRow: 10, policy: { holdTtlSeconds: 60, maxTicketsPerUser: 50 } });
    const clock = start();
    const svc = reservationServices({ clock });
    const ids: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const r = await svc.hold({ principal: { userId: `racer-${i}`, tier: 'BASIC' }, showId, seatIds: [`A-1-${i}`, `A-2-${i}`] });
      await svc.change(r.reservationId, 'PAYING', { paymentExpiresAt: new Date('2026-12-24T11:02:00.000Z') });
      ids.push(r.reservationId);
    }
    clock.set('2026-12-24T11:02:00.000Z');
    await Promise.all(ids.map((id) => Promise.allSettled([svc.change(id, 'CONFIRMED'), svc.expire(id, 'PAYING')])));
    for (const [i, id] of ids.entries()) {
      const final = await svc.reservations.get(id);
      const seats = [await get(keys.seat(showId, `A-1-${i + 1}`)), await get(keys.seat(showId, `A-2-${i + 1}`))];
      if (final?.status === 'CONFIRMED') for (const s of seats) expect(s).toMatchObject({ status: 'SOLD', reservationId: id });
      else {
        expect(final?.status).toBe('EXPIRED');
        for (const s of seats) expect(s.status).toBe('AVAILABLE');
      }
    }
  });
});
