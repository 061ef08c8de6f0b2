/**
 * The admission rate is measured, not assumed: while every ACTIVE slot is taken the line moves only as fast as
 * slots are freed, far slower than `admitPerSecond`. The rate is an exponentially weighted moving average over
 * ticks (about a 30-second memory), and the ETA divides a position by it.
 */
const SMOOTHING_SECONDS = 30;

export function nextAdmissionRate(previousRate: number | undefined, admitted: number, elapsedSeconds: number): number {
  if (elapsedSeconds <= 0) return previousRate ?? 0;
  const instant = admitted / elapsedSeconds;
  if (previousRate === undefined) return instant;
  const weight = 1 - Math.exp(-elapsedSeconds / SMOOTHING_SECONDS);
  return previousRate + weight * (instant - previousRate);
}

/**
 * Seconds until `position` is admitted. Before any admission has been measured (a fresh line) the configured
 * `admitPerSecond` stands in; a measured rate of (almost) zero — a full house — yields a long but finite ETA.
 */
export function etaSeconds(position: number, measuredRate: number | undefined, admitPerSecond: number): number {
  if (position <= 0) return 0;
  const rate = measuredRate === undefined ? admitPerSecond : Math.max(measuredRate, 0.01);
  return Math.ceil(position / rate);
}
