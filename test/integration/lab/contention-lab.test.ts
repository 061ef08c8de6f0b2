import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetConfigCache } from '#platform/config';
import { STRATEGIES, type Strategy } from '#services/lab/ports';
import { invoke } from '../../helpers/api-event';

type LabHandlers = typeof import('../../../functions/http/lab');
let lab: LabHandlers;
beforeAll(async () => {
  lab = await import('../../../functions/http/lab');
});

const race = (strategy: Strategy, buyers: number, seatId = 'A-1-1') =>
  Promise.all(Array.from({ length: buyers }, (_, i) => invoke(lab.reserve, { pathParameters: { strategy }, body: { seatId, userId: `${strategy}-buyer-${i}` } })));

// The lab is one shared show, so these cases run one after another.
describe('the contention lab', () => {
  afterEach(() => {
    process.env.STAGE = 'local';
    process.env.LAB_ENABLED = 'true';
    resetConfigCache();
  });

  for (const strategy of ['optimistic', 'lease-lock', 'redis-lock', 'conditional'] as const) {
    it(`gives one seat to exactly one of 30 racing buyers under ${strategy}`, async () => {
      await invoke(lab.reset, { body: { seats: 1 } });
      const results = await race(strategy, 30);
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of results) if (r.status !== 200) expect(r.body).toMatchObject({ error: { code: 'SEAT_UNAVAILABLE', details: { strategy } } });
      const report = (await invoke(lab.report, {})).body;
      expect(report[strategy]).toEqual({ attempts: 30, successes: 1, doubleBookings: 0 });
    });
  }

  it('shows the double booking the unguarded read-then-write allows', async () => {
    let doubleBookings = 0;
    // The race is real, so give it a few rounds; in practice the first already double-books.
    for (let round = 0; round < 3 && doubleBookings === 0; round++) {
      await invoke(lab.reset, { body: { seats: 1 } });
      const results = await race('none', 30);
      const report = (await invoke(lab.report, {})).body as Record<Strategy, { attempts: number; successes: number; doubleBookings: number }>;
      doubleBookings = report.none.doubleBookings;
      expect(report.none.successes).toBe(results.filter((r) => r.status === 200).length);
      expect(report.none.doubleBookings).toBe(report.none.successes - 1);
    }
    expect(doubleBookings).toBeGreaterThan(0);
  });

  it('resets to a fresh show and an empty report for every strategy', async () => {
    const reset = await invoke(lab.reset, { body: { seats: 3 } });
    expect(reset.body).toEqual({ seatIds: ['A-1-1', 'A-1-2', 'A-1-3'] });
    const report = (await invoke(lab.report, {})).body;
    expect(Object.keys(report).sort()).toEqual([...STRATEGIES].sort());
    for (const s of STRATEGIES) expect(report[s]).toEqual({ attempts: 0, successes: 0, doubleBookings: 0 });
    expect((await invoke(lab.reserve, { pathParameters: { strategy: 'conditional' }, body: { seatId: 'A-1-9', userId: 'u' } })).status).toBe(404);
    expect((await invoke(lab.reserve, { pathParameters: { strategy: 'telepathy' }, body: { seatId: 'A-1-1', userId: 'u' } })).status).toBe(400);
    expect((await invoke(lab.reset, { body: { seats: 0 } })).status).toBe(400);
  });

  it('answers 404 outside the local stage unless switched on', async () => {
    process.env.STAGE = 'prod';
    process.env.LAB_ENABLED = 'false';
    resetConfigCache();
    expect((await invoke(lab.report, {})).status).toBe(404);
    expect((await invoke(lab.reset, { body: { seats: 1 } })).status).toBe(404);
    process.env.LAB_ENABLED = 'true';
    resetConfigCache();
    expect((await invoke(lab.report, {})).status).toBe(200);
  });
});
