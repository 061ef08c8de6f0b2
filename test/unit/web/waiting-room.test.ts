import { describe, expect, it } from 'vitest';
import { displayedPosition, etaRange, nextPollMs, progress } from '../../../web/src/queue/line-math';
import { solveChallenge } from '../../../web/src/queue/pow';
import { solves } from '#domain/abuse/proof-of-work-sha256';
import { backoffDelay } from '../../../web/src/api/realtime-backoff';
import { blocksOverTime, nextSample } from '../../../web/src/admin/sale-series';

describe('the waiting room arithmetic', () => {
  it('measures progress from the joined place and gives an ETA range that reaches "now"', () => {
    expect(progress(1000, 1000)).toBe(0);
    expect(progress(1000, 250)).toBe(0.75);
    expect(progress(10, 1)).toBe(0.9);
    expect(etaRange(100)).toEqual({ low: 70, high: 135 });
    expect(etaRange(5)).toBeNull();
  });

  it('polls every 2 s near the front, 5 s further back, and follows pollAfterSeconds, all with ±20 % jitter', () => {
    expect(nextPollMs({ ahead: 10 }, () => 0.5)).toBe(2000);
    expect(nextPollMs({ ahead: 5000 }, () => 0.5)).toBe(5000);
    expect(nextPollMs({ ahead: 5000, pollAfterSeconds: 30 }, () => 0)).toBe(24_000);
    expect(nextPollMs({ ahead: 10 }, () => 1)).toBe(2400);
    // A paused line's long ETA does not freeze the first fans' view: near the front the page still looks every 2 s.
    expect(nextPollMs({ ahead: 3, pollAfterSeconds: 60 }, () => 0.5)).toBe(2000);
    expect(nextPollMs({ ahead: 3, pollAfterSeconds: 1 }, () => 0.5)).toBe(1000);
  });

  it('moves the shown place smoothly at the observed rate, for at most one interval, never past the front', () => {
    const last = { position: 500, atMs: 0 };
    expect(displayedPosition(last, 10, 1000, 5000)).toBe(490);
    expect(displayedPosition(last, 10, 60_000, 5000)).toBe(450);
    expect(displayedPosition({ position: 3, atMs: 0 }, 10, 5000, 5000)).toBe(1);
    expect(displayedPosition(last, 0, 5000, 5000)).toBe(500);
  });

  it('reconnects with exponential backoff and full jitter, capped at 15 s', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(10, () => 1)).toBe(15_000);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
  });
});

describe('the join proof of work', () => {
  it("finds a decimal nonce that the server's node:crypto check accepts", async () => {
    const salt = '0123456789abcdef0123456789abcdef';
    const nonce = await solveChallenge(salt, 10);
    expect(nonce).toMatch(/^\d+$/);
    expect(solves(salt, nonce, 10)).toBe(true);
  });
});

describe('the ops dashboard series', () => {
  it('turns polled totals into admitted/s and sums remaining seats per grade over the shows', () => {
    const counts = (vip: number) => ({ byGrade: { VIP: { AVAILABLE: vip }, R: { AVAILABLE: 10 } } });
    const first = nextSample(undefined, 0, { waiting: 50, active: 5, admittedTotal: 10 }, [counts(100)]);
    expect(first.admittedPerSecond).toBe(0);
    const second = nextSample(first, 2000, { waiting: 40, active: 8, admittedTotal: 20 }, [counts(94), counts(50)]);
    expect(second.admittedPerSecond).toBe(5);
    expect(second.remainingByGrade).toEqual({ VIP: 144, R: 20 });
  });

  it('counts abuse blocks per minute over the window, zeros included, and per rule', () => {
    const now = Date.parse('2026-12-02T01:30:30Z');
    const blocks = [
      { at: '2026-12-02T01:30:10Z', rule: 'HOLD_BURST' },
      { at: '2026-12-02T01:30:01Z', rule: 'HOLD_BURST' },
      { at: '2026-12-02T01:28:59Z', rule: 'BLOCKED' },
      { at: '2026-12-02T01:10:00Z', rule: 'BLOCKED' },
    ];
    const { perMinute, byRule } = blocksOverTime(blocks, now, 3);
    expect(perMinute).toEqual([
      { x: Date.parse('2026-12-02T01:28:00Z'), y: 1 },
      { x: Date.parse('2026-12-02T01:29:00Z'), y: 0 },
      { x: Date.parse('2026-12-02T01:30:00Z'), y: 2 },
    ]);
    expect(byRule).toEqual({ HOLD_BURST: 2, BLOCKED: 1 });
  });
});
