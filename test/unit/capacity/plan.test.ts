import { describe, expect, it } from 'vitest';
import { stageConfigs } from '../../../lib/stage-config';
import { ASSUMPTIONS, plan, pollPrefixSums, rankPushes, simulate, type SaleInput } from '../../../scripts/capacity/plan';
import { PRICES } from '../../../scripts/capacity/prices';

const sale: SaleInput = { fans: 200_000, seats: 50_000, minutes: 1, stage: stageConfigs.prod, admitPerSecond: 400, ticketsPerHold: 1 };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('capacity planner arithmetic', () => {
  it('counts a rank push for every connected fan whose bucket the shift changes', () => {
    // Positions 1..100 are exact: a shift of one moves every one of them.
    expect(rankPushes(100, 1)).toBe(100);
    // 101..150 share a bucket of 50: a shift of one moves only 150 → 151 and 100 → 101 over the edges.
    expect(rankPushes(150, 1)).toBe(101);
    expect(rankPushes(0, 400)).toBe(0);
  });

  it('sums poll rates as a prefix: two fans polling every 2 s are one request a second', () => {
    const sums = pollPrefixSums(4, () => 2);
    expect(sums[2]).toBe(1);
    expect(sums[4]! - sums[2]!).toBe(1);
  });

  it('conserves the sale: every fan joins once, 1.2 shoppers a seat are admitted, every seat is held, 90% paid', () => {
    const seconds = simulate(sale);
    expect(sum(seconds.map((s) => s.joins))).toBeCloseTo(200_000, 0);
    expect(sum(seconds.map((s) => s.admitted))).toBeCloseTo(50_000 * ASSUMPTIONS.shoppersPerSeat, 0);
    expect(sum(seconds.map((s) => s.holds))).toBeCloseTo(50_000, 0);
    expect(sum(seconds.map((s) => s.payments))).toBeCloseTo(45_000, 0);
    expect(Math.max(...seconds.map((s) => s.joins))).toBeCloseTo(200_000 / 60, 6);
    expect(Math.max(...seconds.map((s) => s.admitted))).toBe(400);
  });

  it('keeps WebSocket connects within the stage budget every second', () => {
    const seconds = simulate(sale);
    expect(Math.max(...seconds.map((s) => s.wsConnects))).toBe(stageConfigs.prod.wsConnectsPerSecond);
  });

  it('times one show’s SEATS fan-out at its peak watchers: the fans shopping, in parallel parts of 2,000 sent 64 calls at a time', () => {
    const p = plan(sale);
    // 400 admitted a second, each shopping for secondsToHold seconds.
    expect(p.seatFanOut.peakWatchers).toBe(400 * ASSUMPTIONS.secondsToHold);
    expect(p.seatFanOut.parts).toBe(Math.ceil(p.seatFanOut.peakWatchers / 2_000));
    expect(p.seatFanOut.secondsPerVersion).toBeCloseTo((2_000 * ASSUMPTIONS.functions.push.ms) / 64 / 1000, 9);
    expect(p.seatFanOut.secondsPerVersion).toBeLessThan(1);
  });

  it('bounds authorizer invocations by one per fan per cache TTL plus the uncached payments', () => {
    for (const s of simulate(sale)) expect(s.authorizerInvocations).toBeLessThanOrEqual(s.joins + s.polls + s.holds + s.payments + 1e-9);
  });

  it('derives quotas, throttles and costs from the simulated totals and the price list', () => {
    const p = plan(sale);
    const seconds = simulate(sale);
    const sfn = p.quotas.find((q) => q.quota.startsWith('Step Functions'))!;
    expect(sfn.peak).toBe(Math.ceil((400 * 50_000) / 60_000));
    // 333⅓ holds/s × 1.5 headroom = 500 StartExecution/s, above the 300/s default.
    expect(sfn.raiseTo).toBe(500);
    expect(p.cost['API Gateway REST']).toBeCloseTo(sum(seconds.map((s) => s.restRequests)) * PRICES.restRequest, 9);
    expect(p.cost['Step Functions']).toBeCloseTo((50_000 * ASSUMPTIONS.transitionsPerHold + 45_000 * ASSUMPTIONS.transitionsPerPayment) * PRICES.stepFunctionsTransition, 6);
    expect(p.throttles.needed.joins).toBe(Math.ceil(((200_000 / 60) * 1.5) / 100) * 100);
    expect(p.dynamo.seatPartitions).toBe(200);
    expect(p.minutes[0]!.peak.joins).toBeCloseTo(200_000 / 60, 6);
  });
});
