/**
 * One dashboard sample from polled numbers: the public queue stats and per-show seat counts. Admissions per second
 * come from the difference of `admittedTotal` with the previous sample; remaining seats are summed per grade.
 */
export interface Sample {
  atMs: number;
  waiting: number;
  active: number;
  admittedTotal: number;
  admittedPerSecond: number;
  remainingByGrade: Record<string, number>;
}

interface Counts {
  byGrade: Record<string, { AVAILABLE: number }>;
}

export function nextSample(previous: Sample | undefined, atMs: number, stats: { waiting: number; active: number; admittedTotal: number }, shows: Counts[]): Sample {
  const remainingByGrade: Record<string, number> = {};
  for (const c of shows) for (const [grade, g] of Object.entries(c.byGrade)) remainingByGrade[grade] = (remainingByGrade[grade] ?? 0) + g.AVAILABLE;
  const seconds = previous ? Math.max(0.001, (atMs - previous.atMs) / 1000) : 0;
  return {
    atMs,
    waiting: stats.waiting,
    active: stats.active,
    admittedTotal: stats.admittedTotal,
    admittedPerSecond: previous ? Math.max(0, stats.admittedTotal - previous.admittedTotal) / seconds : 0,
    remainingByGrade,
  };
}

const MINUTE_MS = 60_000;

/**
 * Blocked attempts per minute over the last `minutes` from the abuse audit's newest-first page, zeros included so the
 * chart's time axis lines up with the sale's per-minute charts; and the count per rule (what an operator acts on).
 */
export function blocksOverTime(blocks: ReadonlyArray<{ at: string; rule?: string }>, nowMs: number, minutes: number): { perMinute: Array<{ x: number; y: number }>; byRule: Record<string, number> } {
  const end = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const perMinute = Array.from({ length: minutes }, (_, i) => ({ x: end - (minutes - 1 - i) * MINUTE_MS, y: 0 }));
  const byRule: Record<string, number> = {};
  for (const b of blocks) {
    const at = Date.parse(b.at);
    const slot = perMinute[minutes - 1 - Math.floor((end - Math.floor(at / MINUTE_MS) * MINUTE_MS) / MINUTE_MS)];
    if (!slot) continue;
    slot.y++;
    const rule = b.rule ?? 'UNKNOWN';
    byRule[rule] = (byRule[rule] ?? 0) + 1;
  }
  return { perMinute, byRule };
}
