/**
 * One dashboard sample from polled public numbers: queue stats and per-show seat counts. Rates come from the
 * difference with the previous sample (admissions from `admittedTotal`, sales from SOLD, holds from seats entering
 * HELD net of those leaving for SOLD), so an operator sees movement without a metrics backend.
 */
export interface Sample {
  atMs: number;
  waiting: number;
  active: number;
  admittedTotal: number;
  held: number;
  sold: number;
  admittedPerSecond: number;
  holdsPerMinute: number;
  salesPerMinute: number;
  remainingByGrade: Record<string, number>;
}

interface Counts {
  HELD: number;
  SOLD: number;
  byGrade: Record<string, { AVAILABLE: number }>;
}

export function nextSample(previous: Sample | undefined, atMs: number, stats: { waiting: number; active: number; admittedTotal: number }, shows: Counts[]): Sample {
  const held = shows.reduce((a, c) => a + c.HELD, 0);
  const sold = shows.reduce((a, c) => a + c.SOLD, 0);
  const remainingByGrade: Record<string, number> = {};
  for (const c of shows) for (const [grade, g] of Object.entries(c.byGrade)) remainingByGrade[grade] = (remainingByGrade[grade] ?? 0) + g.AVAILABLE;
  const seconds = previous ? Math.max(0.001, (atMs - previous.atMs) / 1000) : 0;
  const rate = (now: number, before: number | undefined) => (previous && before !== undefined ? Math.max(0, now - before) / seconds : 0);
  const newSales = previous ? Math.max(0, sold - previous.sold) : 0;
  return {
    atMs,
    waiting: stats.waiting,
    active: stats.active,
    admittedTotal: stats.admittedTotal,
    held,
    sold,
    admittedPerSecond: rate(stats.admittedTotal, previous?.admittedTotal),
    holdsPerMinute: previous ? (Math.max(0, held - previous.held + newSales) / seconds) * 60 : 0,
    salesPerMinute: previous ? (newSales / seconds) * 60 : 0,
    remainingByGrade,
  };
}
