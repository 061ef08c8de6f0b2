import type { Clock } from '#platform/clock';
import { logger } from '#platform/logger';
import type { ActiveConcerts, Lease, WaitingLine } from './ports';
import type { AdmissionTick, TickReport } from './admission-tick';
import type { LoopArming } from './loop-arming';

/** Stop ticking this long before the invocation's timeout. */
const SAFETY_MS = 5_000;
/** Budgets longer than this mean the caller invokes every second (the local cloud), not every minute. */
const MINUTE_BUDGET_MS = 2 * 60_000;

/**
 * How long one scheduled invocation ticks: an invocation fired each minute with a ~60 s timeout (AWS) ticks until
 * 5 s before its timeout; one with a longer budget (the local cloud, which invokes every second) ticks once.
 */
export function loopDeadline(nowMs: number, remainingMs: number): number {
  return remainingMs > SAFETY_MS && remainingMs <= MINUTE_BUDGET_MS ? nowMs + remainingMs - SAFETY_MS : nowMs;
}

/** Long enough to outlive a slow tick, short enough that a crashed loop's concerts are picked up within seconds. */
export const LEASE_TTL_MS = 5_000;

/**
 * Runs admission ticks for every concert with a non-empty line. Any number of loop instances may run (overlapping
 * scheduled invocations, retries): a per-concert Redis lease lets exactly one of them tick a given concert, and the
 * holder renews it on every tick.
 */
export class AdmissionLoop {
  constructor(
    private readonly concerts: ActiveConcerts,
    private readonly lease: Lease,
    private readonly tick: AdmissionTick,
    private readonly line: WaitingLine,
    /** This loop instance's owner token. */
    readonly owner: string,
    /** Disarms the schedule once no concert has a line; without it the loop runs on its schedule regardless. */
    private readonly arming?: LoopArming,
  ) {}

  /** One tick of every listed concert this instance holds (or takes) the lease for. */
  async tickAll(): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    for (const concertId of await this.concerts.list()) {
      if (!(await this.lease.acquire(concertId, this.owner, LEASE_TTL_MS))) continue;
      try {
        const report = await this.tick.run(concertId);
        reports.push(report);
        if (report.waiting + report.active + report.prequeue === 0) await this.concerts.removeIfIdle(concertId, () => this.isIdle(concertId));
      } catch (error) {
        // One concert's failure must not stall the others; its lease lapses and the next tick retries it.
        logger.error('admission tick failed', { concertId, error: error as Error });
      }
    }
    return reports;
  }

  /**
   * Ticks once, then once a second until `deadlineMs`, then gives the leases back so the next invocation picks up
   * at once. When no concert has a line any more, it disarms the schedule and stops: an idle system runs nothing.
   */
  async runUntil(deadlineMs: number, clock: Clock, sleep: (ms: number) => Promise<void>): Promise<TickReport[][]> {
    const ticks: TickReport[][] = [];
    try {
      for (;;) {
        const started = clock.now().getTime();
        ticks.push(await this.tickAll());
        if (this.arming) {
          if ((await this.idle()) && (await this.arming.disarmIfIdle(() => this.idle()))) break;
          await this.arming.stillRunning();
        }
        const wait = Math.min(1000 - (clock.now().getTime() - started), deadlineMs - clock.now().getTime());
        if (clock.now().getTime() + Math.max(wait, 0) >= deadlineMs) break;
        if (wait > 0) await sleep(wait);
      }
    } finally {
      await this.releaseAll();
    }
    return ticks;
  }

  async releaseAll(): Promise<void> {
    const concerts = await this.concerts.list();
    await Promise.all(concerts.map((c) => this.lease.release(c, this.owner)));
  }

  private async idle(): Promise<boolean> {
    return (await this.concerts.list()).length === 0;
  }

  private async isIdle(concertId: string): Promise<boolean> {
    const s = await this.line.stats(concertId);
    return s.waiting + s.active + s.prequeue === 0;
  }
}
