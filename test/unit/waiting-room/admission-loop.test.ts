import { describe, expect, it } from 'vitest';
import { ManualClock } from '#platform/clock';
import { admissionLoop, loopDeadline } from '#services/waiting-room/admission-loop';
import type { AdmissionTick, TickReport } from '#services/waiting-room/admission-tick';
import type { ActiveConcerts, Lease, WaitingLine } from '#services/waiting-room/ports';

const report = (concertId: string): TickReport => ({ concertId, admitted: 1, lapsed: 0, waiting: 5, active: 1, prequeue: 0, pushCalls: 2, pushFailures: 0 });

function loopWith(clock: ManualClock, held: Map<string, string>) {
  const concerts: ActiveConcerts = { add: async () => {}, list: async () => ['c1', 'c2'], removeIfIdle: async () => {} };
  const lease: Lease = {
    acquire: async (c, owner) => (held.get(c) ?? owner) === owner && !!held.set(c, owner),
    release: async (c, owner) => void (held.get(c) === owner && held.delete(c)),
  };
  const tick: Pick<AdmissionTick, 'run'> = { run: async (c: string) => { clock.advance(0.2); return report(c); } };
  return admissionLoop({ concerts, lease, tick, line: {} as WaitingLine, owner: 'me' });
}

describe('the admission loop', () => {
  it('ticks once a second inside a minute-long invocation, and once when invoked every second', () => {
    const now = Date.parse('2026-12-24T10:00:00Z');
    expect(loopDeadline(now, 59_900)).toBe(now + 54_900);
    expect(loopDeadline(now, 15 * 60_000)).toBe(now);
    expect(loopDeadline(now, 3_000)).toBe(now);
  });

  it('runs one tick per second until the deadline, skips concerts leased by others, then releases its leases', async () => {
    const clock = new ManualClock();
    const held = new Map([['c2', 'someone-else']]);
    const loop = loopWith(clock, held);
    const sleep = async (ms: number) => clock.advance(ms / 1000);
    const ticks = await loop.runUntil(clock.now().getTime() + 10_000, clock, sleep);
    expect(ticks).toHaveLength(10);
    expect(ticks.every((t) => t.length === 1 && t[0]!.concertId === 'c1')).toBe(true);
    expect([...held]).toEqual([['c2', 'someone-else']]);
  });

  it('runs exactly one tick when the deadline is now', async () => {
    const clock = new ManualClock();
    const ticks = await loopWith(clock, new Map()).runUntil(clock.now().getTime(), clock, async () => {});
    expect(ticks).toHaveLength(1);
  });
});
