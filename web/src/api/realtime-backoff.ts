const BASE_MS = 500;
const CAP_MS = 15_000;

/** Exponential backoff with full jitter: a dropped gateway is not hit by every fan at the same instant. */
export function backoffDelay(attemptNo: number, random = Math.random): number {
  return Math.round(random() * Math.min(CAP_MS, BASE_MS * 2 ** attemptNo));
}
