import { describe, expect, it } from 'vitest';
import { seededShuffle } from '#domain/waiting-room/fair-shuffle';
import { etaSeconds, nextAdmissionRate } from '#domain/waiting-room/eta';
import { joinPhase, saleOpensAt } from '#domain/waiting-room/sale-opening';
import { normaliseQueueConfig, queueConfigSchema } from '#domain/waiting-room/queue-config';
import { toQueueStatus } from '#domain/waiting-room/queue-status';

describe('the pre-queue shuffle', () => {
  const users = Array.from({ length: 500 }, (_, i) => `u${i}`);

  it('is a permutation, and the same seed replays the same draw', () => {
    const a = seededShuffle(users, 'seed-1');
    expect([...a].sort()).toEqual([...users].sort());
    expect(seededShuffle(users, 'seed-1')).toEqual(a);
    expect(seededShuffle(users, 'seed-2')).not.toEqual(a);
    expect(a).not.toEqual(users);
  });

  it('puts each arrival first about equally often (no early-bird advantage)', () => {
    const firsts = new Map<string, number>();
    const four = ['a', 'b', 'c', 'd'];
    for (let i = 0; i < 4000; i++) {
      const first = seededShuffle(four, `s${i}`)[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const u of four) expect(firsts.get(u)).toBeGreaterThan(850);
  });
});

describe('ETA from the measured admission rate', () => {
  it('uses admitPerSecond before anything was measured, then the measured rate', () => {
    expect(etaSeconds(100, undefined, 10)).toBe(10);
    expect(etaSeconds(100, 2, 10)).toBe(50);
    expect(etaSeconds(0, 2, 10)).toBe(0);
    expect(etaSeconds(10, 0, 10)).toBe(1000);
  });

  it('smooths the rate toward what the ticks admit', () => {
    let rate: number | undefined;
    for (let i = 0; i < 400; i++) rate = nextAdmissionRate(rate, i < 100 ? 10 : 2, 1);
    expect(rate!).toBeCloseTo(2, 1);
    expect(nextAdmissionRate(undefined, 10, 2)).toBe(5);
  });
});

describe('sale opening and join phases', () => {
  const now = new Date('2026-12-24T10:00:00Z');
  it('opens at the presale start, else the general sale, else now', () => {
    expect(saleOpensAt({ presaleStartAt: '2026-12-24T11:00:00.000Z', generalSaleStartAt: '2026-12-25T11:00:00.000Z' })?.toISOString()).toBe('2026-12-24T11:00:00.000Z');
    expect(saleOpensAt({ generalSaleStartAt: '2026-12-25T11:00:00.000Z' })?.toISOString()).toBe('2026-12-25T11:00:00.000Z');
    expect(saleOpensAt(undefined)).toBeUndefined();
  });
  it('is PREQUEUE between prequeueOpensAt and the opening, CLOSED before, OPEN after', () => {
    const opensAt = new Date('2026-12-24T11:00:00Z');
    expect(joinPhase(now, opensAt, { prequeueOpensAt: '2026-12-24T09:00:00.000Z' })).toBe('PREQUEUE');
    expect(joinPhase(now, opensAt, { prequeueOpensAt: '2026-12-24T10:30:00.000Z' })).toBe('CLOSED');
    expect(joinPhase(now, opensAt, {})).toBe('CLOSED');
    expect(joinPhase(now, new Date('2026-12-24T09:00:00Z'), {})).toBe('OPEN');
    expect(joinPhase(now, undefined, {})).toBe('OPEN');
  });
});

describe('queue config validation', () => {
  it('names every bad field', () => {
    const r = queueConfigSchema.safeParse({ mode: 'fast', admitPerSecond: 0, maxActive: 1.5, activeTtlSeconds: 99999, maxWaiting: -1, prequeueOpensAt: 'soon' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(
      ['activeTtlSeconds', 'admitPerSecond', 'maxActive', 'maxWaiting', 'mode', 'prequeueOpensAt'].sort(),
    );
  });
  it('normalises instants to UTC', () => {
    const parsed = queueConfigSchema.parse({ mode: 'direct', admitPerSecond: 10, maxActive: 20, activeTtlSeconds: 60, maxWaiting: 100, prequeueOpensAt: '2026-12-24T20:00:00+09:00' });
    expect(normaliseQueueConfig(parsed)).toMatchObject({ prequeueOpensAt: '2026-12-24T11:00:00.000Z', randomizeAtOpen: false });
  });
});

describe('QueueStatus', () => {
  const rate = { measuredRate: undefined, admitPerSecond: 10, now: new Date('2026-12-24T10:00:00Z') };
  it('is 1-based while WAITING with ahead = position − 1, and 0 when ACTIVE', () => {
    expect(toQueueStatus('c', { state: 'WAITING', position: 25 }, rate)).toEqual({ concertId: 'c', status: 'WAITING', position: 25, ahead: 24, etaSeconds: 3 });
    expect(toQueueStatus('c', { state: 'ACTIVE', expiresAtMs: Date.parse('2026-12-24T10:10:00Z'), admissionToken: 't' }, rate)).toEqual({
      concertId: 'c', status: 'ACTIVE', position: 0, ahead: 0, etaSeconds: 0, admissionToken: 't', activeExpiresAt: '2026-12-24T10:10:00.000Z',
    });
  });
  it('counts a PREQUEUE user down to the opening', () => {
    expect(toQueueStatus('c', { state: 'PREQUEUE' }, { ...rate, opensAt: new Date('2026-12-24T10:01:00Z') }).etaSeconds).toBe(60);
  });
});
