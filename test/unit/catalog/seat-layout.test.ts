import { describe, expect, it } from 'vitest';
import { capacityOf, seatsOfShow, unpricedGrades } from '#domain/catalog/seat-layout';
import { effectiveStatus } from '#domain/catalog/seat-map';
import { summarizeSalesPolicy } from '#domain/catalog/sales-policy-summary';

const sections = [
  { name: 'A', grade: 'VIP', rows: 2, seatsPerRow: 3 },
  { name: 'B', grade: 'R', rows: 1, seatsPerRow: 2 },
];
const tiers = [
  { grade: 'VIP', price: 200000, currency: 'KRW' },
  { grade: 'R', price: 100000, currency: 'KRW' },
];

describe('seats from a venue layout', () => {
  it('makes one AVAILABLE seat per position with 1-based rows and numbers and deterministic ids', () => {
    const seats = seatsOfShow({ concertId: 'C', showId: 'S' }, sections, tiers);
    expect(seats).toHaveLength(capacityOf(sections));
    expect(seats.map((s) => s.seatId)).toEqual(['A-1-1', 'A-1-2', 'A-1-3', 'A-2-1', 'A-2-2', 'A-2-3', 'B-1-1', 'B-1-2']);
    expect(seats[7]).toEqual({ concertId: 'C', showId: 'S', seatId: 'B-1-2', section: 'B', row: 1, number: 2, grade: 'R', price: 100000, currency: 'KRW', status: 'AVAILABLE', version: 0 });
  });

  it('names grades no price tier covers', () => {
    expect(unpricedGrades(sections, tiers.slice(0, 1))).toEqual(['R']);
    expect(unpricedGrades(sections, tiers)).toEqual([]);
  });
});

describe('seat map', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');
  it('treats a hold as lapsed from its deadline on', () => {
    expect(effectiveStatus({ status: 'HELD', holdExpiresAt: now.toISOString() }, now)).toBe('AVAILABLE');
    expect(effectiveStatus({ status: 'HELD', holdExpiresAt: '2026-12-01T00:00:01.000Z' }, now)).toBe('HELD');
    expect(effectiveStatus({ status: 'SOLD' }, now)).toBe('SOLD');
  });
});

describe('sales policy summary', () => {
  it('applies the api.md defaults when a concert has no policy', () => {
    expect(summarizeSalesPolicy(undefined, new Date())).toMatchObject({
      phase: 'GENERAL_SALE',
      maxTicketsPerUser: 4,
      holdTtlSeconds: 300,
      paymentTtlSeconds: 600,
      refundCutoffHours: 24,
      isDefault: true,
    });
  });

  it('derives the phase from presale and general sale times and never shows presale codes', () => {
    const policy = {
      presaleStartAt: '2026-12-01T00:00:00.000Z',
      presaleEndAt: '2026-12-02T00:00:00.000Z',
      presaleMinimumTier: 'GOLD',
      presaleCodes: ['ARMY'],
      generalSaleStartAt: '2026-12-03T00:00:00.000Z',
    };
    const at = (iso: string) => summarizeSalesPolicy(policy, new Date(iso));
    expect(at('2026-11-30T00:00:00.000Z').phase).toBe('NOT_OPEN');
    expect(at('2026-12-01T12:00:00.000Z').phase).toBe('PRESALE');
    expect(at('2026-12-02T12:00:00.000Z').phase).toBe('NOT_OPEN');
    expect(at('2026-12-03T00:00:00.000Z').phase).toBe('GENERAL_SALE');
    expect(JSON.stringify(at('2026-12-01T12:00:00.000Z'))).not.toContain('ARMY');
    expect(at('2026-12-01T12:00:00.000Z')).toMatchObject({ presaleCodeRequired: true, presaleMinimumTier: 'GOLD', isDefault: false });
  });
});
