/**
 * Rank pushes are throttled by position buckets: a subscriber is told its new position only when its bucket
 * changes. The first EXACT_POSITIONS positions are exact; beyond them buckets are 50 positions wide (101–150, …,
 * 951–1,000), then 500 wide (1,001–1,500, …) up to 10,000, and so on — half the position's order of magnitude, 18
 * buckets a decade. A user at 54,321 hears about every 5,000 places it moves; a user at 42 hears about every place.
 * A tick that admits k users then costs about 100 + 18·k calls per decade of line length. @connections calls per tick are then
 * bounded by the positions that cross a bucket boundary, not by the number of subscribers.
 */
export const EXACT_POSITIONS = 100;

export function bucketWidth(position: number): number {
  if (position <= EXACT_POSITIONS) return 1;
  return 10 ** Math.floor(Math.log10(position - 1)) / 2;
}

/** The first position of the bucket holding `position` — the bucket's identity. */
export function bucketOf(position: number): number {
  if (position <= EXACT_POSITIONS) return position;
  const width = bucketWidth(position);
  return Math.floor((position - 1) / width) * width + 1;
}

/** Whether a subscriber last told `pushed` must now be told `current`. */
export const bucketChanged = (pushed: number | undefined, current: number): boolean =>
  pushed === undefined || bucketOf(pushed) !== bucketOf(current);

/** First positions of the buckets after the exact zone, up to `lastPosition`. */
function bucketStarts(lastPosition: number): number[] {
  const starts: number[] = [];
  for (let p = EXACT_POSITIONS + 1; p <= lastPosition; p += bucketWidth(p)) starts.push(p);
  return starts;
}

/**
 * Which current positions (1-based, inclusive ranges, merged) may have crossed a bucket boundary when every
 * waiting user moved forward by at most `shift` places. A user now at p was at most at p + shift, so its bucket
 * changed only if a boundary B lies in (p, p + shift]: p ∈ [B − shift, B − 1]. The exact zone is all boundaries.
 */
export function positionsToRecheck(waiting: number, shift: number): Array<[number, number]> {
  if (waiting <= 0 || shift <= 0) return [];
  let last: [number, number] = [1, Math.min(waiting, EXACT_POSITIONS)];
  const ranges = [last];
  for (const b of bucketStarts(waiting + shift)) {
    const from = Math.max(1, b - shift);
    const to = Math.min(waiting, b - 1);
    if (from > to) continue;
    if (from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else ranges.push((last = [from, to]));
  }
  return ranges;
}
