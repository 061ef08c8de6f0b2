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
