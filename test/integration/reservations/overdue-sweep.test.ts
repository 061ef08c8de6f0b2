import { describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamoOverdueHolds } from '#adapters/dynamo/reservations-overdue';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { deadlinesWithFallback, sweepOverdueHolds } from '#services/reservations/overdue-sweep';
import { forcePaying, recordingDeadlines, seedShow } from './fixtures';
import { reservationServices } from './harness';

const get = async (key: Record<string, string>) => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

describe('the overdue-hold sweeper, backstop for a deadline execution that could not start', () => {
  it('expires a hold whose execution failed to start, once its deadline has passed', async () => {
    const { showId, concertId } = await seedShow({ policy: { holdTtlSeconds: 90 } });
    // A minute nobody else uses, so the shared OVERDUE buckets hold only this test's markers.
    const clock = new ManualClock(new Date('2031-03-01T10:00:00.000Z'));
    const overdue = dynamoOverdueHolds(dynamo, tableName);
    const svc = reservationServices({ clock, deadlines: deadlinesWithFallback(recordingDeadlines(new Error('states down')), overdue) });
    const sweep = sweepOverdueHolds({ overdue, expire: svc.expire, clock });
    const r = await svc.hold({ principal: { userId: 'u', tier: 'BASIC' }, showId, seatIds: ['A-1-1'] });
    expect(await get(keys.overdueHold('2031-03-01T10:01', r.reservationId))).toMatchObject({ phase: 'HOLD', deadline: r.holdExpiresAt });

    clock.advance(60);
    expect(await sweep()).toEqual({ expired: 0, rescheduled: 0, kept: 0 });
    expect((await svc.reservations.get(r.reservationId))?.status).toBe('HOLD');

    clock.advance(31);
    expect(await sweep()).toEqual({ expired: 1, rescheduled: 0, kept: 0 });
    expect((await svc.reservations.get(r.reservationId))?.status).toBe('EXPIRED');
    expect((await get(keys.seat(showId, 'A-1-1')))?.status).toBe('AVAILABLE');
    expect((await get(keys.ticketCounter(concertId, 'u')))?.count).toBe(0);
    expect(await get(keys.overdueHold('2031-03-01T10:01', r.reservationId))).toBeUndefined();
  });

  it('follows a hold into PAYING and expires it at the payment deadline', async () => {
    const { showId } = await seedShow({ policy: { holdTtlSeconds: 60 } });
    const clock = new ManualClock(new Date('2031-03-02T10:00:00.000Z'));
    const overdue = dynamoOverdueHolds(dynamo, tableName);
    const svc = reservationServices({ clock, deadlines: deadlinesWithFallback(recordingDeadlines(new Error('states down')), overdue) });
    const sweep = sweepOverdueHolds({ overdue, expire: svc.expire, clock });
    const r = await svc.hold({ principal: { userId: 'u', tier: 'BASIC' }, showId, seatIds: ['A-1-2'] });
    await forcePaying(r.reservationId, '2031-03-02T10:05:00.000Z');
    clock.advance(61);
    expect(await sweep()).toEqual({ expired: 0, rescheduled: 1, kept: 0 });
    clock.set('2031-03-02T10:05:00.000Z');
    expect(await sweep()).toEqual({ expired: 1, rescheduled: 0, kept: 0 });
    expect((await svc.reservations.get(r.reservationId))?.status).toBe('EXPIRED');
  });

  it('writes no marker when the execution starts', async () => {
    const { showId } = await seedShow();
    const clock = new ManualClock(new Date('2031-03-03T10:00:00.000Z'));
    const overdue = dynamoOverdueHolds(dynamo, tableName);
    const started = recordingDeadlines();
    const svc = reservationServices({ clock, deadlines: deadlinesWithFallback(started, overdue) });
    const r = await svc.hold({ principal: { userId: 'u', tier: 'BASIC' }, showId, seatIds: ['A-1-3'] });
    expect(started.started).toEqual([r.reservationId]);
    clock.advance(400);
    expect(await overdue.due(clock.now(), 60)).toEqual([]);
  });
});
