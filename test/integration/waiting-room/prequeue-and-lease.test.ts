import { describe, expect, it } from 'vitest';
import { seededShuffle } from '#domain/waiting-room/fair-shuffle';
import { waitingRoomKeys } from '#adapters/redis/waiting-room-keys';
import { wireWaitingRoom } from '#composition/waiting-room';
import { redisActiveConcerts } from '#adapters/redis/waiting-room-concerts';
import { ulids } from '#platform/ids';
import { config, harness, newConcertId, putSalesPolicy, redis, users } from './harness';

describe('the pre-queue and its fair start', () => {
  it('holds early joiners in PREQUEUE, draws them into a seeded random order at opening, then queues later arrivals FIFO', async () => {
    const { wr, clock } = harness({ seeds: () => 'audit-seed-1' });
    const concertId = newConcertId();
    await putSalesPolicy(concertId, { generalSaleStartAt: '2026-12-24T11:00:00.000Z' });
    await wr.settings.save(concertId, config({ admitPerSecond: 1, prequeueOpensAt: '2026-12-24T10:30:00.000Z', randomizeAtOpen: true }));

    await expect(wr.queue.join(concertId, 'too-early')).rejects.toMatchObject({ code: 'SALE_NOT_OPEN' });

    clock.set('2026-12-24T10:45:00.000Z');
    const early = users(60, 'early');
    for (const u of early) expect(await wr.queue.join(concertId, u)).toMatchObject({ status: 'PREQUEUE', position: 0, etaSeconds: 900 });
    expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 0, prequeue: 60 });

    clock.set('2026-12-24T11:00:00.000Z');
    const late = users(5, 'late');
    for (const u of late) await wr.queue.join(concertId, u);

    const report = await wr.tick.run(concertId);
    expect(report).toMatchObject({ opened: { placed: 60, seed: 'audit-seed-1' }, admitted: 1 });

    const draw = seededShuffle(early, 'audit-seed-1');
    expect([...draw].sort()).toEqual([...early].sort());
    expect(draw).not.toEqual(early);
    expect(await wr.queue.status(concertId, draw[0]!)).toMatchObject({ status: 'ACTIVE' });
    for (let i = 1; i < draw.length; i++) expect(await wr.queue.status(concertId, draw[i]!)).toMatchObject({ status: 'WAITING', position: i });
    for (let j = 0; j < late.length; j++) expect(await wr.queue.status(concertId, late[j]!)).toMatchObject({ position: draw.length + j });
    expect(await redis().hgetall(waitingRoomKeys(concertId).opened)).toMatchObject({ seed: 'audit-seed-1', placed: '60' });

    // The draw happens once: a second tick does not reshuffle.
    expect((await wr.tick.run(concertId)).opened).toBeUndefined();
  });
});

/** Loops here work on their own concert list, so they never tick the lines of tests running in parallel. */
const privateList = () => {
  const key = `wr:itest-concerts:${ulids.next()}`;
  return { key, concerts: redisActiveConcerts(redis(), key) };
};

describe('the admission-loop lease', () => {
  it('lets exactly one of two loop instances tick a concert, and hands over when the holder releases', async () => {
    const a = harness({ concerts: privateList().concerts }, 'loop-a');
    const b = wireWaitingRoom(a.ports, 'loop-b');
    const concertId = newConcertId();
    await a.wr.settings.save(concertId, config({ admitPerSecond: 5, maxActive: 1000 }));
    for (const u of users(100)) await a.wr.queue.join(concertId, u);

    for (let round = 0; round < 5; round++, a.clock.advance(1)) {
      const [ra, rb] = await Promise.all([a.wr.loop.tickAll(), b.loop.tickAll()]);
      const ticked = [...ra, ...rb].filter((r) => r.concertId === concertId);
      expect(ticked).toHaveLength(1);
      expect(ra.some((r) => r.concertId === concertId)).toBe(true); // the holder keeps it by renewing
    }
    expect((await a.wr.queue.stats(concertId)).admittedTotal).toBe(25);

    await b.loop.releaseAll(); // not the owner: compare-and-delete leaves a's lease alone
    expect((await b.loop.tickAll()).some((r) => r.concertId === concertId)).toBe(false);
    await a.wr.loop.releaseAll();
    expect((await b.loop.tickAll()).some((r) => r.concertId === concertId)).toBe(true);
    expect(await redis().get(waitingRoomKeys(concertId).lease)).toBe('loop-b');
  });

  it('drops a concert from the loop work list once its line is empty', async () => {
    const list = privateList();
    const { wr, clock } = harness({ concerts: list.concerts }, 'loop-c');
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ activeTtlSeconds: 10 }));
    await wr.queue.join(concertId, 'only');
    expect(await redis().sismember(list.key, concertId)).toBe(1);
    await wr.loop.tickAll();
    clock.advance(11);
    await wr.loop.tickAll();
    expect(await redis().sismember(list.key, concertId)).toBe(0);
    await wr.queue.join(concertId, 'again');
    expect(await redis().sismember(list.key, concertId)).toBe(1);
  });
});
