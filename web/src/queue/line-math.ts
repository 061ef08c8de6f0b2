/**
 * The waiting room's arithmetic, kept pure so it is unit-tested: progress from the joined position, the ETA range,
 * the poll pace, and the displayed position between server readings.
 */

/** Share of the line already behind the fan, 0..1, measured from the place they joined at. */
export function progress(joinedPosition: number, position: number): number {
  if (joinedPosition <= 0) return 0;
  return Math.min(1, Math.max(0, (joinedPosition - position) / joinedPosition));
}

/** An honest range around the server's estimate; `null` means "any moment now". */
export function etaRange(etaSeconds: number): { low: number; high: number } | null {
  if (etaSeconds <= 5) return null;
  return { low: Math.max(5, Math.floor(etaSeconds * 0.7)), high: Math.ceil(etaSeconds * 1.3) + 5 };
}

/** Places within this reach of the front are polled at least every 2 s. */
export const NEAR_FRONT = 200;

/**
 * Milliseconds until the next `queue/me` poll: the server's `pollAfterSeconds` when it sends one, else 5 s; never more
 * than 2 s near the front. The server paces by ETA, and a paused line's ETA is long: without the cap the first fans
 * would look at a frozen number for a minute after the pause is lifted (NEAR_FRONT fans are at most 100 polls/s).
 * ±20 % jitter so fans who joined together do not poll together.
 */
export function nextPollMs(status: { ahead?: number; pollAfterSeconds?: number }, random = Math.random): number {
  const asked = status.pollAfterSeconds !== undefined ? status.pollAfterSeconds * 1000 : 5000;
  const base = (status.ahead ?? 0) <= NEAR_FRONT ? Math.min(asked, 2000) : asked;
  return Math.round(base * (0.8 + random() * 0.4));
}

/**
 * The position to show between readings: the line moves at the rate seen between the last two readings, for at most
 * one poll interval, and never past the front. Server readings always win when they arrive.
 */
export function displayedPosition(last: { position: number; atMs: number }, ratePerSecond: number, nowMs: number, horizonMs: number): number {
  if (ratePerSecond <= 0 || last.position <= 1) return last.position;
  const elapsed = Math.min(Math.max(0, nowMs - last.atMs), horizonMs) / 1000;
  return Math.max(1, Math.round(last.position - ratePerSecond * elapsed));
}
