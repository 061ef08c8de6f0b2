import { describe, expect, it } from 'vitest';
import { config, harness, newConcertId, users } from './harness';

const admin = { userId: 'admin-ops-1', requestId: 'req-pause-test' };

describe('pausing admission (ADMIN queue-config `paused`)', () => {
  it('stops admission while paused, keeps every place and lets joins go on, then resumes from the head of the line', async () => {
    const { wr, clock } = harness();
    const concertId = newConcertId();
    const running = config({ admitPerSecond: 5, maxActive: 100, activeTtlSeconds: 600 });
    await wr.settings.change(concertId, running, admin);
    for (const u of users(20)) await wr.queue.join(concertId, u);
    expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 5, waiting: 15 });

    await wr.settings.change(concertId, { ...running, paused: true }, admin);
    for (let t = 0; t < 3; t++) {
      clock.advance(3); // past the settings cache: every tick reads the paused config
      expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 0, waiting: 15 + t, active: 5 });
      await wr.queue.join(concertId, `late${t}`);
    }
    expect(await wr.queue.status(concertId, 'u00005')).toMatchObject({ status: 'WAITING', position: 1 });
    expect(await wr.queue.status(concertId, 'u00019')).toMatchObject({ status: 'WAITING', position: 15 });
    expect(await wr.queue.status(concertId, 'late2')).toMatchObject({ status: 'WAITING', position: 18 });
    expect(await wr.queue.status(concertId, 'u00004')).toMatchObject({ status: 'ACTIVE' });

    await wr.settings.change(concertId, running, admin);
    clock.advance(1);
    expect(await wr.tick.run(concertId)).toMatchObject({ admitted: 5, waiting: 13 });
    for (const u of ['u00005', 'u00006', 'u00007', 'u00008', 'u00009']) expect(await wr.queue.status(concertId, u)).toMatchObject({ status: 'ACTIVE' });
    expect(await wr.queue.status(concertId, 'u00010')).toMatchObject({ status: 'WAITING', position: 1 });
    expect(await wr.queue.status(concertId, 'late2')).toMatchObject({ status: 'WAITING', position: 13 });
  });

  it('audits each change with the admin, the request and what it did', async () => {
    const { wr } = harness();
    const concertId = newConcertId();
    const running = config();
    await wr.settings.change(concertId, running, admin);
    await wr.settings.change(concertId, { ...running, paused: true }, { ...admin, requestId: 'req-2' });
    await wr.settings.change(concertId, running, { userId: 'admin-ops-2', requestId: 'req-3' });
    const trail = await wr.settings.changes(concertId);
    expect(trail.map((e) => [e.change, e.userId, e.requestId, e.config.paused ?? false])).toEqual([
      ['RESUMED', 'admin-ops-2', 'req-3', false],
      ['PAUSED', 'admin-ops-1', 'req-2', true],
      ['UPDATED', 'admin-ops-1', 'req-pause-test', false],
    ]);
    expect(new Set(trail.map((e) => e.auditId)).size).toBe(3);
    expect(trail.every((e) => e.concertId === concertId)).toBe(true);
  });
});
