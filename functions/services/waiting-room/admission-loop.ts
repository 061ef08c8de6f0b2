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

export interface AdmissionLoopDeps {
  concerts: ActiveConcerts;
  lease: Lease;
  tick: Pick<AdmissionTick, 'run'>;
  line: WaitingLine;
  /** This loop instance's owner token. */
  owner: string;
  /** Disarms the schedule once no concert has a line; without it the loop runs on its schedule regardless. */
  arming?: LoopArming;
}

export type AdmissionLoop = ReturnType<typeof admissionLoop>;

/**
 * Runs admission ticks for every concert with a non-empty line. Any number of loop instances may run (overlapping
 * scheduled invocations, retries): a per-concert Redis lease lets exactly one of them tick a given concert, and the
 * holder renews it on every tick.
 */
export function admissionLoop(deps: AdmissionLoopDeps) {
  const { concerts, lease, tick, line, owner, arming } = deps;

  const idle = async (): Promise<boolean> => (await concerts.list()).length === 0;

  async function isIdle(concertId: string): Promise<boolean> {
    const s = await line.stats(concertId);
    return s.waiting + s.active + s.prequeue === 0;
  }

  /** One tick of every listed concert this instance holds (or takes) the lease for. */
  async function tickAll(): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    for (const concertId of await concerts.list()) {
      if (!(await lease.acquire(concertId, owner, LEASE_TTL_MS))) continue;
      try {
        const report = await tick.run(concertId);
        reports.push(report);
        if (report.waiting + report.active + report.prequeue === 0) await concerts.removeIfIdle(concertId, () => isIdle(concertId));
      } catch (error) {
        // One concert's failure must not stall the others; its lease lapses and the next tick retries it.
        logger.error('admission tick failed', { concertId, error: error as Error });
      }
    }
    return reports;
  }

  async function releaseAll(): Promise<void> {
    const listed = await concerts.list();
    await Promise.all(listed.map((c) => lease.release(c, owner)));
  }

  /**
   * Ticks once, then once a second until `deadlineMs`, then gives the leases back so the next invocation picks up
   * at once. When no concert has a line any more, it disarms the schedule and stops: an idle system runs nothing.
   */
  async function runUntil(deadlineMs: number, clock: Clock, sleep: (ms: number) => Promise<void>): Promise<TickReport[][]> {
    const ticks: TickReport[][] = [];
    try {
      for (;;) {
        const started = clock.now().getTime();
        ticks.push(await tickAll());
        if (arming) {
          if ((await idle()) && (await arming.disarmIfIdle(idle))) break;
          await arming.stillRunning();
        }
        const wait = Math.min(1000 - (clock.now().getTime() - started), deadlineMs - clock.now().getTime());
        if (clock.now().getTime() + Math.max(wait, 0) >= deadlineMs) break;
        if (wait > 0) await sleep(wait);
      }
    } finally {
      await releaseAll();
    }
    return ticks;
  }

  return { owner, tickAll, runUntil, releaseAll };
}
