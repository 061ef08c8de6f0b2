import { describe, expect, it } from 'vitest';
import { ManualClock } from '#platform/clock';
import { admissionLoop } from '#services/waiting-room/admission-loop';
import type { AdmissionTick, TickReport } from '#services/waiting-room/admission-tick';
import { loopArming } from '#services/waiting-room/loop-arming';
import type { ActiveConcerts, AdmissionLoopSwitch, ArmedMark, Lease, WaitingLine } from '#services/waiting-room/ports';

function recordingSwitch() {
  const calls: string[] = [];
  const sw: AdmissionLoopSwitch = { arm: async () => void calls.push('arm'), disarm: async () => void calls.push('disarm') };
  return { calls, sw };
}

function mark(): ArmedMark & { isSet: () => boolean } {
  let set = false;
  return { isSet: () => set, setIfAbsent: async () => !set && (set = true), set: async () => void (set = true), clear: async () => void (set = false) };
}

describe('arming the admission loop', () => {
  it('arms once on the first join of a line and trusts the mark for 30 s on later joins', async () => {
    const clock = new ManualClock();
    const { calls, sw } = recordingSwitch();
    const m = mark();
    const arming = loopArming({ mark: m, loopSwitch: sw, clock });
    await arming.afterJoin(true);
    await arming.afterJoin(false);
    await arming.afterJoin(true);
    expect(calls).toEqual(['arm']);
    // The mark lapsed behind our back (the schedule was switched off): a join after the recheck interval re-arms.
    await m.clear();
    await arming.afterJoin(false);
    expect(calls).toEqual(['arm']);
    clock.advance(31);
    await arming.afterJoin(false);
    expect(calls).toEqual(['arm', 'arm']);
  });

  it('leaves the mark clear when arming fails, so the next join tries again', async () => {
    const m = mark();
    const failing: AdmissionLoopSwitch = { arm: async () => Promise.reject(new Error('EventBridge down')), disarm: async () => {} };
    await expect(loopArming({ mark: m, loopSwitch: failing, clock: new ManualClock() }).afterJoin(true)).rejects.toThrow('EventBridge down');
    expect(m.isSet()).toBe(false);
  });

  it('re-arms at once when a join slipped in while the loop was disarming', async () => {
    const { calls, sw } = recordingSwitch();
    const m = mark();
    const arming = loopArming({ mark: m, loopSwitch: sw, clock: new ManualClock() });
    expect(await arming.disarmIfIdle(async () => false)).toBe(false);
    expect(calls).toEqual(['disarm', 'arm']);
    expect(m.isSet()).toBe(true);
  });

  it('stops the loop and disarms the schedule once no concert has a line', async () => {
    const clock = new ManualClock();
    const { calls, sw } = recordingSwitch();
    let listed = ['c1'];
    const concerts: ActiveConcerts = { add: async () => {}, list: async () => listed, removeIfIdle: async () => {} };
    const lease: Lease = { acquire: async () => true, release: async () => {} };
    const report: TickReport = { concertId: 'c1', admitted: 1, lapsed: 0, waiting: 0, active: 0, prequeue: 0, pushCalls: 0, pushFailures: 0 };
    // The line empties during the third tick.
    let runs = 0;
    const tick: Pick<AdmissionTick, 'run'> = { run: async () => ((++runs === 3 && (listed = [])), report) };
    const loop = admissionLoop({ concerts, lease, tick, line: {} as WaitingLine, owner: 'me', arming: loopArming({ mark: mark(), loopSwitch: sw, clock }) });
    const ticks = await loop.runUntil(clock.now().getTime() + 60_000, clock, async (ms) => clock.advance(ms / 1000));
    expect(ticks).toHaveLength(3);
    expect(calls).toEqual(['disarm']);
  });
});
