import type { Clock } from '#platform/clock';
import type { AdmissionLoopSwitch, ArmedMark } from './ports';

/** A container that saw the mark set trusts it this long before looking again (self-heals a failed arming). */
const RECHECK_MS = 30_000;

export interface LoopArmingDeps {
  mark: ArmedMark;
  loopSwitch: AdmissionLoopSwitch;
  clock: Clock;
}

export type LoopArming = ReturnType<typeof loopArming>;

/**
 * Arms the admission loop when a line appears and disarms it when the last one empties. Ordering makes the race
 * safe: a join adds its concert to the work list, then sets the mark; the loop clears the mark, disables the
 * schedule, then looks at the work list again and re-arms if a concert slipped in. Either the loop sees the
 * join's concert, or the join finds the mark cleared and arms itself.
 */
export function loopArming(deps: LoopArmingDeps) {
  const { mark, loopSwitch, clock } = deps;
  let trustedUntil = 0;
  return {
    /** After a join. `lineWasEmpty` always looks at the mark; other joins look at most every RECHECK_MS. */
    async afterJoin(lineWasEmpty: boolean): Promise<void> {
      const now = clock.now().getTime();
      if (!lineWasEmpty && now < trustedUntil) return;
      if (await mark.setIfAbsent()) {
        try {
          await loopSwitch.arm();
        } catch (error) {
          // Unmarked, the next join tries again.
          await mark.clear();
          throw error;
        }
      }
      trustedUntil = now + RECHECK_MS;
    },

    /** A running loop keeps its mark alive (the mark lapses once no loop runs; see the Redis adapter). */
    async stillRunning(): Promise<void> {
      await mark.set();
    },

    /** The loop found no concert with a line; `stillIdle` looks at the work list again after the switch is off. */
    async disarmIfIdle(stillIdle: () => Promise<boolean>): Promise<boolean> {
      await mark.clear();
      await loopSwitch.disarm();
      if (await stillIdle()) return true;
      await mark.set();
      await loopSwitch.arm();
      return false;
    },
  };
}
