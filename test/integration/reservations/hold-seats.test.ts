import { describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamoSeatPartitions } from '#adapters/dynamo/seat-partitions';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { DomainError } from '#platform/errors';
import type { Tier } from '#domain/identity';
import { seedShow } from './fixtures';
import { reservationServices } from './harness';
import { refusal } from '../../helpers/refusal';

const buyer = (userId: string, tier: Tier = 'BASIC') => ({ userId, tier });
const seat = async (showId: string, seatId: string) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.seat(showId, seatId), ConsistentRead: true }))).Item ?? {};
const counter = async (concertId: string, userId: string) =>
  Number((await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.ticketCounter(concertId, userId), ConsistentRead: true }))).Item?.count ?? 0);

describe('holding seats against DynamoDB Local', () => {
  it('holds every requested seat in one transaction and shows the hold at once', async () => {
    const { showId, concertId } = await seedShow();
    const svc = reservationServices();
    const r = await svc.hold({ principal: buyer('u1'), showId, seatIds: ['A-1-1', 'A-1-2'] });
    expect(r).toMatchObject({ status: 'HOLD', concertId, showId, amount: 300000, currency: 'KRW', userId: 'u1' });
    expect(Date.parse(r.holdExpiresAt) - Date.parse(r.heldAt)).toBe(300_000);
    for (const id of ['A-1-1', 'A-1-2']) expect(await seat(showId, id)).toMatchObject({ status: 'HELD', reservationId: r.reservationId, holdExpiresAt: r.holdExpiresAt, version: 1 });
    expect(await counter(concertId, 'u1')).toBe(2);
    expect(await svc.reservations.get(r.reservationId)).toEqual(r);
    expect(svc.deadlines.started).toEqual([r.reservationId]);
    expect(await svc.events.of(r.reservationId)).toEqual([expect.objectContaining({ detailType: 'ReservationHeld', detail: expect.objectContaining({ reservationId: r.reservationId, seatIds: ['A-1-1', 'A-1-2'] }) })]);
  });

  it('gives a seat to exactly one of 30 racing buyers; the others get SEAT_UNAVAILABLE naming it', async () => {
    const { showId } = await seedShow();
    const svc = reservationServices();
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => svc.hold({ principal: buyer(`racer-${i}`), showId, seatIds: ['A-1-5'] })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'SEAT_UNAVAILABLE', details: { seatIds: ['A-1-5'] } });
    }
    expect((await seat(showId, 'A-1-5')).reservationId).toBe((won[0] as PromiseFulfilledResult<{ reservationId: string }>).value.reservationId);
  });

  it('never double-sells when 500 buyers race for 100 seats with 1–4 seats each', async () => {
    const { showId, concertId, seatIds } = await seedShow({ rows: 10, seatsPerRow: 10 });
    const svc = reservationServices();
    // 125 users make 4 requests each, so the per-user limit is contended as well as the seats.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const requests = Array.from({ length: 500 }, (_, i) => {
      const n = 1 + rand(4);
      const start = rand(100);
      return { userId: `crowd-${i % 125}`, seatIds: Array.from({ length: n }, (_, k) => seatIds[(start + k * 7) % 100] as string) };
    });
    const results = await Promise.allSettled(requests.map((q) => svc.hold({ principal: buyer(q.userId), showId, seatIds: q.seatIds })));
    const holds = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results) if (r.status === 'rejected') expect(['SEAT_UNAVAILABLE', 'LIMIT_EXCEEDED', 'CONFLICT'], String(r.reason)).toContain((r.reason as DomainError).code);

    const owner = new Map<string, string>();
    for (const h of holds) for (const s of h.seats) {
      expect(owner.has(s.seatId), `seat ${s.seatId} in two reservations`).toBe(false);
      owner.set(s.seatId, h.reservationId);
    }
    const perUser = new Map<string, number>();
    for (const h of holds) perUser.set(h.userId, (perUser.get(h.userId) ?? 0) + h.seats.length);
    for (const [userId, n] of perUser) {
      expect(n).toBeLessThanOrEqual(4);
      expect(await counter(concertId, userId)).toBe(n);
    }
    // Every stored seat, read through the show's seat partitions (a query of one key would find a tenth of them).
    const stored = await dynamoSeatPartitions(dynamo, tableName).query(showId);
    expect(stored.map((item) => item.seatId).sort()).toEqual([...seatIds].sort());
    for (const item of stored) {
      const seatId = String(item.seatId);
      if (owner.has(seatId)) expect(item).toMatchObject({ status: 'HELD', reservationId: owner.get(seatId) });
      else expect(item.status).toBe('AVAILABLE');
    }
    expect(holds.length).toBeGreaterThan(10);
  });

  it('holds all seats or none: one taken seat refuses the whole request and leaves the other free', async () => {
    const { showId, concertId } = await seedShow();
    const svc = reservationServices();
    await svc.hold({ principal: buyer('first'), showId, seatIds: ['A-1-3'] });
    const err = await refusal(svc.hold({ principal: buyer('second'), showId, seatIds: ['A-1-2', 'A-1-3', 'A-1-4'] }));
    expect(err).toMatchObject({ code: 'SEAT_UNAVAILABLE', details: { seatIds: ['A-1-3'] } });
    expect(err.message).toContain('A-1-3');
    expect((await seat(showId, 'A-1-2')).status).toBe('AVAILABLE');
    expect(await counter(concertId, 'second')).toBe(0);
  });

  it('refuses a buyer past the per-concert limit with LIMIT_EXCEEDED', async () => {
    const { showId } = await seedShow({ policy: { maxTicketsPerUser: 3 } });
    const svc = reservationServices();
    await svc.hold({ principal: buyer('greedy'), showId, seatIds: ['A-1-1', 'A-1-2'] });
    const err = await refusal(svc.hold({ principal: buyer('greedy'), showId, seatIds: ['A-1-3', 'A-1-4'] }));
    expect(err).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { maxTicketsPerUser: 3, held: 2, requested: 2 } });
    await svc.hold({ principal: buyer('greedy'), showId, seatIds: ['A-1-3'] });
    expect(await refusal(svc.hold({ principal: buyer('greedy'), showId, seatIds: ['A-1-5', 'A-1-6', 'A-1-7', 'A-1-8'] }))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('takes a seat whose hold has lapsed even before the expiry task ran', async () => {
    const { showId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = new ManualClock(new Date('2026-12-24T11:00:00.000Z'));
    const svc = reservationServices({ clock });
    await svc.hold({ principal: buyer('slow'), showId, seatIds: ['A-1-1'] });
    clock.advance(59);
    expect(await refusal(svc.hold({ principal: buyer('eager'), showId, seatIds: ['A-1-1'] }))).toMatchObject({ code: 'SEAT_UNAVAILABLE' });
    clock.advance(2);
    const r = await svc.hold({ principal: buyer('eager'), showId, seatIds: ['A-1-1'] });
    expect((await seat(showId, 'A-1-1')).reservationId).toBe(r.reservationId);
  });

  it('answers 404 for an unknown show, 400 naming unknown or repeated seats', async () => {
    const { showId } = await seedShow();
    const svc = reservationServices();
    expect(await refusal(svc.hold({ principal: buyer('u'), showId: 'no-such-show', seatIds: ['A-1-1'] }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(svc.hold({ principal: buyer('u'), showId, seatIds: ['A-1-1', 'Z-9-9'] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ in: 'body', path: 'seatIds.1', message: expect.stringContaining('Z-9-9') }] },
    });
    expect(await refusal(svc.hold({ principal: buyer('u'), showId, seatIds: ['A-1-1', 'A-1-1'] }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await seat(showId, 'A-1-1')).status).toBe('AVAILABLE');
  });

  it('charges the current price when a seat was repriced after this instance cached it', async () => {
    const { showId } = await seedShow();
    const svc = reservationServices();
    await svc.seats.offers(showId, ['A-1-9']);
    await dynamo().send(new UpdateCommand({ TableName: tableName(), Key: keys.seat(showId, 'A-1-9'), UpdateExpression: 'SET price = :p', ExpressionAttributeValues: { ':p': 99000 } }));
    const r = await svc.hold({ principal: buyer('u'), showId, seatIds: ['A-1-9'] });
    expect(r.amount).toBe(99000);
    expect(r.seats[0]?.price).toBe(99000);
  });

  it('keeps the hold when the deadline execution cannot be started', async () => {
    const { showId } = await seedShow();
    const svc = reservationServices({ deadlineFailure: new Error('states unavailable') });
    const r = await svc.hold({ principal: buyer('u'), showId, seatIds: ['A-1-1'] });
    expect((await svc.reservations.get(r.reservationId))?.status).toBe('HOLD');
  });

  it('asks the admission gate about this user and concert before writing anything', async () => {
    const { showId, concertId } = await seedShow();
    const asked: unknown[] = [];
    const svc = reservationServices({
      admission: {
        verify: async (token, userId, cid) => {
          asked.push([token, userId, cid]);
          if (token !== 'good') throw new DomainError('NOT_ADMITTED', 'not admitted');
        },
      },
    });
    expect(await refusal(svc.hold({ principal: buyer('u'), showId, seatIds: ['A-1-1'] }))).toMatchObject({ code: 'NOT_ADMITTED' });
    expect((await seat(showId, 'A-1-1')).status).toBe('AVAILABLE');
    await svc.hold({ principal: buyer('u'), showId, seatIds: ['A-1-1'], admissionToken: 'good' });
    expect(asked).toEqual([[undefined, 'u', concertId], ['good', 'u', concertId]]);
  });
});
