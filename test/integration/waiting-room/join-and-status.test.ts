import { describe, expect, it } from 'vitest';
import { DomainError } from '#platform/errors';
import { waitingRoomKeys } from '#adapters/redis/waiting-room-keys';
import { config, harness, newConcertId, redis, users } from './harness';

describe('joining the line (direct mode, one Lua script)', () => {
  it('gives 200 concurrent joiners positions 1..200, unique and in arrival order', async () => {
    const { wr } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config());
    await wr.queue.status(concertId, 'warm-up'); // loads config and sale opening into the cache
    const joiners = users(200);
    // One Redis connection delivers the scripts in call order: that order is the arrival order.
    const results = await Promise.all(joiners.map((u) => wr.queue.place(concertId, u)));
    expect(results.map((r) => r.position)).toEqual(joiners.map((_, i) => i + 1));
    expect(results.every((r) => r.status === 'WAITING' && r.ahead === r.position - 1)).toBe(true);
    const statuses = await Promise.all(joiners.map((u) => wr.queue.status(concertId, u)));
    expect(statuses.map((s) => s.position)).toEqual(results.map((r) => r.position));
    expect(await redis().zcard(waitingRoomKeys(concertId).waiting)).toBe(200);
  });

  it('is idempotent per user: joining again returns the current state and adds nobody', async () => {
    const { wr } = harness();
    const concertId = newConcertId();
    for (const u of users(5)) await wr.queue.join(concertId, u);
    const again = await Promise.all([wr.queue.join(concertId, 'u00002'), wr.queue.join(concertId, 'u00002')]);
    expect(again).toEqual([
      expect.objectContaining({ status: 'WAITING', position: 3, ahead: 2 }),
      expect.objectContaining({ status: 'WAITING', position: 3, ahead: 2 }),
    ]);
    expect((await wr.queue.stats(concertId)).waiting).toBe(5);
  });

  it('refuses the join after maxWaiting with QUEUE_FULL, but still answers those already in line', async () => {
    const { wr } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ maxWaiting: 3 }));
    for (const u of users(3)) await wr.queue.join(concertId, u);
    const refused = await wr.queue.join(concertId, 'late').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'QUEUE_FULL' });
    expect(await wr.queue.join(concertId, 'u00001')).toMatchObject({ position: 2 });
    expect(await wr.queue.status(concertId, 'late')).toMatchObject({ status: 'NONE', position: 0 });
  });

  it('leaving moves everyone behind forward and frees a place under maxWaiting', async () => {
    const { wr } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ maxWaiting: 3 }));
    for (const u of users(3)) await wr.queue.join(concertId, u);
    await wr.queue.leave(concertId, 'u00000');
    expect(await wr.queue.status(concertId, 'u00002')).toMatchObject({ position: 2, ahead: 1 });
    expect(await wr.queue.status(concertId, 'u00000')).toMatchObject({ status: 'NONE' });
    expect(await wr.queue.join(concertId, 'late')).toMatchObject({ position: 3 });
  });

  it('reports public stats', async () => {
    const { wr } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ admitPerSecond: 2 }));
    for (const u of users(5)) await wr.queue.join(concertId, u);
    await wr.tick.run(concertId);
    expect(await wr.queue.stats(concertId)).toEqual({ waiting: 3, active: 2, admittedTotal: 2, admitPerSecond: 2, maxActive: 20 });
  });
});
