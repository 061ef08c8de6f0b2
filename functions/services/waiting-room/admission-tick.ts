import type { PopularitySink } from '#services/ports/popularity';
import { randomBytes } from 'node:crypto';
import type { Clock } from '#platform/clock';
import { logger } from '#platform/logger';
import { nextAdmissionRate } from '#domain/waiting-room/eta';
import { seededShuffle } from '#domain/waiting-room/fair-shuffle';
import { activeMessage, expiredMessage, type ServerMessage } from '#domain/realtime/messages';
import type { AdmissionTokens, WaitingLine } from './ports';
import type { QueueSettings } from './queue-settings';
import type { PushOutcome, RankPush } from './rank-push';

export interface TickReport {
  concertId: string;
  admitted: number;
  lapsed: number;
  waiting: number;
  active: number;
  prequeue: number;
  /** @connections calls this tick made (ACTIVE + EXPIRED + RANK_UPDATE pushes, and retries of earlier failures). */
  pushCalls: number;
  /** Of those, the calls that failed (other than 410 Gone): retried on the next tick. */
  pushFailures: number;
  /** Users placed by the pre-queue opening this tick. */
  opened?: { placed: number; seed: string };
}

/** The seed of the pre-queue draw: 128 random bits, recorded in Redis and the log so the draw can be replayed. */
export type SeedSource = () => string;
export const randomSeed: SeedSource = () => randomBytes(16).toString('hex');

export interface AdmissionTickDeps {
  line: WaitingLine;
  settings: QueueSettings;
  tokens: AdmissionTokens;
  push: RankPush;
  clock: Clock;
  /** Defaults to randomSeed. */
  seeds?: SeedSource;
  popularity?: PopularitySink;
}

export type AdmissionTick = ReturnType<typeof admissionTick>;

/**
 * One tick of one concert's line: open the pre-queue when the sale opens, lapse and admit (one script: the slot is
 * the admission — its token is minted from it whenever read), push ACTIVE / EXPIRED, then RANK_UPDATE to subscribers
 * whose rank bucket changed. After the ADMIT script nothing can undo or lose its work: push failures are counted and
 * retried next tick, and a sweep that cannot run gives the shift it was handed back to the line.
 */
export function admissionTick(deps: AdmissionTickDeps) {
  const { line, settings, tokens, push, clock, seeds = randomSeed, popularity } = deps;
  const observers: Array<(report: TickReport) => void> = [];

  async function openPrequeueIfDue(concertId: string, randomize: boolean) {
    const opensAt = await settings.opensAt(concertId);
    if (opensAt && clock.now() < opensAt) return undefined;
    const arrivals = await line.prequeueArrivals(concertId);
    if (!arrivals || arrivals.length === 0) return undefined;
    const seed = seeds();
    const ordered = randomize ? seededShuffle(arrivals, seed) : arrivals;
    const { placed, opened } = await line.openPrequeue(concertId, ordered, { seed, openedAtMs: clock.now().getTime() });
    if (!opened) return undefined;
    logger.info('pre-queue opened', { concertId, seed, randomized: randomize, placed });
    return { placed, seed };
  }

  async function run(concertId: string): Promise<TickReport> {
    const config = await settings.config(concertId);
    const opened = await openPrequeueIfDue(concertId, config.randomizeAtOpen ?? false);
    const now = clock.now();
    const r = await line.admit(concertId, {
      nowMs: now.getTime(),
      // Paused: lapsed slots still end, but nobody moves up; the line keeps its order until the pause is lifted.
      admitPerSecond: config.paused ? 0 : config.admitPerSecond,
      maxActive: config.maxActive,
      ttlMs: config.activeTtlSeconds * 1000,
    });

    const elapsed = r.previousTickAtMs === undefined ? 1 : (now.getTime() - r.previousTickAtMs) / 1000;
    const rate = nextAdmissionRate(r.previousRate, r.admitted.length, elapsed);

    // After an opening every placed user's position is new: sweep the whole line once.
    const shift = opened ? r.waiting + r.admitted.length : r.shift;
    let pushes: PushOutcome[];
    try {
      await line.saveMeasuredRate(concertId, rate, now.getTime());
      if (r.admitted.length) {
        await popularity?.record(concertId, r.admitted.length).catch((error: Error) => logger.warn('popularity not recorded', { concertId, error }));
      }
      const activeExpiresAt = new Date(r.expiresAtMs).toISOString();
      const messages = new Map<string, ServerMessage>();
      for (const u of r.lapsed) messages.set(u, expiredMessage(concertId, now));
      for (const u of r.admitted) messages.set(u, activeMessage(concertId, await tokens.issue(u, concertId, r.expiresAtMs, now), activeExpiresAt, now));
      pushes = [await push.retryFailed(concertId), await push.toUsers(concertId, messages)];
      const sweep = await push.sweep(concertId, { waiting: r.waiting, shift, measuredRate: rate, admitPerSecond: config.admitPerSecond, now });
      pushes.push(sweep);
      if (sweep.failed.length) await line.carryShift(concertId, shift);
    } catch (error) {
      // The ADMIT script cleared the shift; the next tick's sweep must still cover those positions.
      await line.carryShift(concertId, shift).catch((e: Error) => logger.error('rank-sweep shift lost', { concertId, shift, error: e }));
      throw error;
    }
    const pushCalls = pushes.reduce((n, p) => n + p.calls, 0);
    const pushFailures = pushes.reduce((n, p) => n + p.failed.length, 0);

    const report: TickReport = {
      concertId,
      admitted: r.admitted.length,
      lapsed: r.lapsed.length,
      waiting: r.waiting,
      active: r.active,
      prequeue: r.prequeue,
      pushCalls,
      pushFailures,
      ...(opened ? { opened } : {}),
    };
    for (const observe of observers) observe(report);
    return report;
  }

  return {
    run,
    /** Metrics: the load driver counts @connections calls per tick here. */
    observe(listener: (report: TickReport) => void): void {
      observers.push(listener);
    },
  };
}
