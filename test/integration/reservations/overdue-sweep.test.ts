import { describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys, OVERDUE_SHARDS, shardOf } from '#adapters/dynamo/keys';
import { dynamoOverdueHolds } from '#adapters/dynamo/reservations-overdue';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { deadlinesWithFallback, sweepOverdueHolds } from '#services/reservations/overdue-sweep';
import { forcePaying, recordingDeadlines, seedShow } from './fixtures';
import { reservationServices } from './harness';

const get = async (key: Record<string, string>) => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

describe('the overdue-hold sweeper, backstop for a deadline execution that could not start', () => {
  it('expires a hold whose execution failed to start, once its deadline has passed', async () => {
    const { showId, concertId } = await seedShow({ policy: { holdTtlSeconds: 90 } });
    // An hour nobody else uses, so the sweep's window over the shared OVERDUE shards holds only this test's markers.
    const clock = new ManualClock(new Date('2031-03-01T10:00:00.000Z'));
    const overdue = dynamoOverdueHolds(dynamo, tableName);
    const svc = reservationServices({ clock, deadlines: deadlinesWithFallback(recordingDeadlines(new Error('states down')), overdue) });
    const sweep = sweepOverdueHolds({ overdue, expire: svc.expire, clock });
    const r = await svc.hold({ principal: { userId: 'u', tier: 'BASIC' }, showId, seatIds: ['A-1-1'] });
    expect(await get(keys.overdueHold(r.holdExpiresAt, r.reservationId))).toMatchObject({ phase: 'HOLD', deadline: r.holdExpiresAt });

    clock.advance(60);
    expect(await sweep()).toEqual({ expired: 0, rescheduled: 0, kept: 0 });
    expect((await svc.reservations.get(r.reservationId))?.status).toBe('HOLD');

    clock.advance(31);
    expect(await sweep()).toEqual({ expired: 1, rescheduled: 0, kept: 0 });
    expect((await svc.reservations.get(r.reservationId))?.status).toBe('EXPIRED');
    expect((await get(keys.seat(showId, 'A-1-1')))?.status).toBe('AVAILABLE');
    expect((await get(keys.ticketCounter(concertId, 'u')))?.count).toBe(0);
    expect(await get(keys.overdueHold(r.holdExpiresAt, r.reservationId))).toBeUndefined();
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

  it('reads every marker due within the window, across minutes, oldest first, and none beyond it', async () => {
    const clock = new ManualClock(new Date('2031-03-04T10:00:00.000Z'));
    const overdue = dynamoOverdueHolds(dynamo, tableName);
    const marker = (reservationId: string, deadline: string) => ({ reservationId, phase: 'HOLD' as const, deadline });
    const tooOld = marker(`r-${ulids.next()}`, '2031-03-04T08:59:59.999Z');
    // Later deadlines in lower shards, so reading the shards in turn would give them newest first.
    const inShard = (shard: number) => {
      for (;;) {
        const id = `r-${ulids.next()}`;
        if (shardOf(id, OVERDUE_SHARDS) === shard) return id;
      }
    };
    const due = [marker(inShard(6), '2031-03-04T09:10:00.000Z'), marker(inShard(3), '2031-03-04T09:59:30.000Z'), marker(inShard(0), '2031-03-04T10:00:00.000Z')];
    const notYet = marker(`r-${ulids.next()}`, '2031-03-04T10:00:00.001Z');
    for (const m of [tooOld, ...due, notYet]) await overdue.remember(m);

    const read = await overdue.due(clock.now(), 60);
    expect(read.filter((m) => m.deadline.startsWith('2031-03-04'))).toEqual(due);
    await overdue.forget(due[0]!);
    expect((await overdue.due(clock.now(), 60)).map((m) => m.reservationId)).not.toContain(due[0]!.reservationId);
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
