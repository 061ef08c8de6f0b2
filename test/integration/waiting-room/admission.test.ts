import { describe, expect, it } from 'vitest';
import { bucketOf } from '#domain/waiting-room/rank-buckets';
import { config, harness, newConcertId, users } from './harness';

const notAdmitted = { code: 'NOT_ADMITTED' };

describe('the admission tick', () => {
  it('admits 10 a tick up to maxActive 20, then none until a slot is left or lapses', async () => {
    const { wr, clock } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ admitPerSecond: 10, maxActive: 20, activeTtlSeconds: 60 }));
    for (const u of users(50)) await wr.queue.join(concertId, u);

    expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 10, active: 10, waiting: 40 });
    clock.advance(1);
    expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 10, active: 20, waiting: 30 });
    clock.advance(1);
    expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 0, active: 20, waiting: 30 });
    expect(await wr.queue.status(concertId, 'u00019')).toMatchObject({ status: 'ACTIVE', position: 0 });
    expect(await wr.queue.status(concertId, 'u00020')).toMatchObject({ status: 'WAITING', position: 1 });

    await wr.queue.leave(concertId, 'u00003');
    clock.advance(1);
    expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 1, active: 20, waiting: 29 });
    expect(await wr.queue.status(concertId, 'u00020')).toMatchObject({ status: 'ACTIVE' });

    clock.advance(60); // every slot has lapsed
    expect(await wr.tick.run(concertId)).toMatchObject({ lapsed: 20, admitted: 10, active: 10, waiting: 19 });
    expect(await wr.queue.status(concertId, 'u00000')).toMatchObject({ status: 'EXPIRED' });
  });

  it('pushes positions that only decrease, then ACTIVE with a token the admission gate accepts', async () => {
    const { wr, clock, push } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ admitPerSecond: 3, maxActive: 100, activeTtlSeconds: 30 }));
    const line = users(25);
    for (const u of line) await wr.queue.join(concertId, u);
    for (const u of line) await wr.subscriptions.subscribe(concertId, `conn-${u}`, u);
    expect(push.to('conn-u00024')).toEqual([expect.objectContaining({ type: 'RANK_UPDATE', position: 25, ahead: 24 })]);

    for (let t = 0; t < 10; t++, clock.advance(1)) await wr.tick.run(concertId);

    for (const u of line) {
      const messages = push.to(`conn-${u}`);
      const positions = messages.filter((m) => m.type === 'RANK_UPDATE').map((m) => m.position as number);
      for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeLessThan(positions[i - 1]!);
      const last = messages.at(-1)!;
      expect(last).toMatchObject({ type: 'ACTIVE', concertId });
      await expect(wr.gate.verify(last.admissionToken as string, u, concertId)).resolves.toBeUndefined();
      expect(messages.filter((m) => m.type === 'ACTIVE')).toHaveLength(1);
    }
    // The token is minted from the slot on every read: a fresh one, for the same slot, that the gate accepts too.
    const status = await wr.queue.status(concertId, 'u00000');
    expect(status).toMatchObject({ status: 'ACTIVE', admissionToken: expect.any(String), activeExpiresAt: push.to('conn-u00000').at(-1)!.activeExpiresAt });
    await expect(wr.gate.verify(status.admissionToken, 'u00000', concertId)).resolves.toBeUndefined();
  });

  it('refuses tokens that are missing, forged, for another user or concert, given back, or lapsed', async () => {
    const { wr, clock, push } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ admitPerSecond: 5, activeTtlSeconds: 30 }));
    for (const u of users(3)) {
      await wr.queue.join(concertId, u);
      await wr.subscriptions.subscribe(concertId, `c-${u}`, u);
    }
    await wr.tick.run(concertId);
    const token = (u: string) => push.to(`c-${u}`).find((m) => m.type === 'ACTIVE')!.admissionToken as string;

    await expect(wr.gate.verify(undefined, 'u00000', concertId)).rejects.toMatchObject(notAdmitted);
    await expect(wr.gate.verify('not-a-jwt', 'u00000', concertId)).rejects.toMatchObject(notAdmitted);
    await expect(wr.gate.verify(token('u00000'), 'u00001', concertId)).rejects.toMatchObject(notAdmitted);
    await expect(wr.gate.verify(token('u00000'), 'u00000', newConcertId())).rejects.toMatchObject(notAdmitted);

    await wr.queue.leave(concertId, 'u00001');
    await expect(wr.gate.verify(token('u00001'), 'u00001', concertId)).rejects.toMatchObject(notAdmitted);

    clock.advance(31);
    await expect(wr.gate.verify(token('u00002'), 'u00002', concertId)).rejects.toMatchObject(notAdmitted);
    await wr.tick.run(concertId);
    expect(push.to('c-u00002').at(-1)).toMatchObject({ type: 'EXPIRED', concertId });
  });

  it('drops connections @connections reports gone', async () => {
    const { wr, push, ports } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ admitPerSecond: 1 }));
    for (const u of users(3)) await wr.queue.join(concertId, u);
    await wr.subscriptions.subscribe(concertId, 'alive', 'u00002');
    await wr.subscriptions.subscribe(concertId, 'dead', 'u00002');
    push.gone.add('dead');
    await wr.tick.run(concertId);
    expect(await ports.subscriptions.connectionsOf(concertId, 'u00002')).toEqual(['alive']);
    expect(push.to('alive').at(-1)).toMatchObject({ type: 'RANK_UPDATE', position: 2 });
  });

  it('survives a throttled @connections: the tick completes, counts the failures, and the next tick delivers them', async () => {
    const { wr, clock, push } = harness();
    const concertId = newConcertId();
    await wr.settings.save(concertId, config({ admitPerSecond: 2, maxActive: 100 }));
    for (const u of users(4)) {
      await wr.queue.join(concertId, u);
      await wr.subscriptions.subscribe(concertId, `c-${u}`, u);
    }
    push.throttled.add('c-u00000');
    const first = await wr.tick.run(concertId);
    expect(first).toMatchObject({ admitted: 2, pushFailures: 1 });
    // The other admitted user and the rank sweep were not lost to the failed push.
    expect(push.to('c-u00001').at(-1)).toMatchObject({ type: 'ACTIVE' });
    expect(await wr.queue.status(concertId, 'u00000')).toMatchObject({ status: 'ACTIVE', admissionToken: expect.any(String) });

    push.throttled.clear();
    clock.advance(1);
    const second = await wr.tick.run(concertId);
    expect(second.pushFailures).toBe(0);
    const active = push.to('c-u00000').find((m) => m.type === 'ACTIVE');
    await expect(wr.gate.verify(active?.admissionToken as string, 'u00000', concertId)).resolves.toBeUndefined();
  });

  it('costs O(changed buckets) @connections calls per tick, not O(subscribers)', async () => {
    const { wr, clock, push } = harness();
    const concertId = newConcertId();
    const admitPerSecond = 10;
    await wr.settings.save(concertId, config({ admitPerSecond, maxActive: 100_000 }));
    const line = users(3000);
    await Promise.all(line.map((u) => wr.queue.place(concertId, u)));
    await Promise.all(line.map((u) => wr.subscriptions.subscribe(concertId, `c-${u}`, u)));

    const calls: number[] = [];
    for (let t = 0; t < 5; t++, clock.advance(1)) {
      push.clear();
      const before = new Map(line.map((u, i) => [u, i + 1 - t * admitPerSecond]));
      const report = await wr.tick.run(concertId);
      // Brute force over all 3,000: who crossed a bucket, and who was admitted.
      let expected = 0;
      for (const [, p] of before) {
        if (p <= 0) continue;
        if (p <= admitPerSecond) expected++;
        else if (bucketOf(p) !== bucketOf(p - admitPerSecond)) expected++;
      }
      expect(report.pushCalls).toBe(expected);
      expect(push.sent).toHaveLength(expected);
      calls.push(report.pushCalls);
    }
    // 100 exact positions + 18 buckets of 101..1,000 + 4 of 1,001..3,000, each crossed by 10 users, + 10 ACTIVE.
    expect(Math.max(...calls)).toBeLessThan(line.length / 8);
  });
});
