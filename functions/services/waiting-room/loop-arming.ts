import type { Clock } from '#platform/clock';
import type { AdmissionLoopSwitch, ArmedMark } from './ports';

/** A container that saw the mark set trusts it this long before looking again (self-heals a failed arming). */
const RECHECK_MS = 30_000;

/**
 * Arms the admission loop when a line appears and disarms it when the last one empties. Ordering makes the race
 * safe: a join adds its concert to the work list, then sets the mark; the loop clears the mark, disables the
 * schedule, then looks at the work list again and re-arms if a concert slipped in. Either the loop sees the
 * join's concert, or the join finds the mark cleared and arms itself.
 */
export class LoopArming {
  private trustedUntil = 0;

  constructor(
    private readonly mark: ArmedMark,
    private readonly loopSwitch: AdmissionLoopSwitch,
    private readonly clock: Clock,
  ) {}

  /** After a join. `lineWasEmpty` always looks at the mark; other joins look at most every RECHECK_MS. */
  async afterJoin(lineWasEmpty: boolean): Promise<void> {
    const now = this.clock.now().getTime();
    if (!lineWasEmpty && now < this.trustedUntil) return;
    if (await this.mark.setIfAbsent()) {
      try {
        await this.loopSwitch.arm();
      } catch (error) {
        // Unmarked, the next join tries again.
        await this.mark.clear();
        throw error;
      }
    }
    this.trustedUntil = now + RECHECK_MS;
  }

  /** A running loop keeps its mark alive (the mark lapses once no loop runs; see the Redis adapter). */
  async stillRunning(): Promise<void> {
    await this.mark.set();
  }

  /** The loop found no concert with a line; `stillIdle` looks at the work list again after the switch is off. */
  async disarmIfIdle(stillIdle: () => Promise<boolean>): Promise<boolean> {
    await this.mark.clear();
    await this.loopSwitch.disarm();
    if (await stillIdle()) return true;
    await this.mark.set();
    await this.loopSwitch.arm();
    return false;
  }
}
