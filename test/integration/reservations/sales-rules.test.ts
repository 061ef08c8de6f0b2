import { describe, expect, it } from 'vitest';
import { ManualClock } from '#platform/clock';
import { DomainError } from '#platform/errors';
import type { Tier } from '#domain/identity';
import { seedShow } from './fixtures';
import { reservationServices } from './harness';

const presale = {
  presaleStartAt: '2026-12-01T10:00:00.000Z',
  presaleEndAt: '2026-12-01T12:00:00.000Z',
  presaleMinimumTier: 'GOLD' as const,
  presaleCodes: ['ARMY2026'],
  generalSaleStartAt: '2026-12-02T10:00:00.000Z',
};
const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

async function attempt(at: Date, tier: Tier, presaleCode?: string) {
  const { showId } = await seedShow({ policy: presale });
  const svc = reservationServices({ clock: new ManualClock(at) });
  try {
    await svc.hold({ principal: { userId: `u-${tier}`, tier }, showId, seatIds: ['A-1-1'], presaleCode });
    return 'HOLD';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('the sales policy at hold time, instant by instant', () => {
  it('refuses everyone 1 ms before presale with SALE_NOT_OPEN', async () => {
    expect(await attempt(shifted(presale.presaleStartAt, -1), 'VIP')).toBe('SALE_NOT_OPEN');
  });
  it('admits GOLD at the presale start instant and refuses SILVER with PRESALE_TIER_REQUIRED', async () => {
    expect(await attempt(shifted(presale.presaleStartAt, 0), 'GOLD')).toBe('HOLD');
    expect(await attempt(shifted(presale.presaleStartAt, 0), 'SILVER')).toBe('PRESALE_TIER_REQUIRED');
  });
  it('admits BASIC with the presale code and refuses a wrong code', async () => {
    expect(await attempt(shifted(presale.presaleStartAt, 1), 'BASIC', 'ARMY2026')).toBe('HOLD');
    expect(await attempt(shifted(presale.presaleStartAt, 1), 'BASIC', 'NOPE')).toBe('PRESALE_TIER_REQUIRED');
  });
  it('closes presale at its end instant', async () => {
    expect(await attempt(shifted(presale.presaleEndAt, -1), 'VIP')).toBe('HOLD');
    expect(await attempt(shifted(presale.presaleEndAt, 0), 'VIP')).toBe('SALE_NOT_OPEN');
  });
  it('opens general sale to BASIC at its start instant, not 1 ms before', async () => {
    expect(await attempt(shifted(presale.generalSaleStartAt, -1), 'BASIC')).toBe('SALE_NOT_OPEN');
    expect(await attempt(shifted(presale.generalSaleStartAt, 0), 'BASIC')).toBe('HOLD');
  });

  it('applies a policy change to the very next hold, with no restart', async () => {
    const { showId, concertId } = await seedShow();
    const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
    const svc = reservationServices({ clock });
    await svc.hold({ principal: { userId: 'a', tier: 'BASIC' }, showId, seatIds: ['A-1-1'] });
    await svc.policies.put(concertId, { ...presale, maxTicketsPerUser: 2, holdTtlSeconds: 30, paymentTtlSeconds: 60, refundCutoffHours: 0 }, clock.now());
    await expect(svc.hold({ principal: { userId: 'b', tier: 'BASIC' }, showId, seatIds: ['A-1-2'] })).rejects.toMatchObject({ code: 'SALE_NOT_OPEN' });
    clock.set(presale.generalSaleStartAt);
    const r = await svc.hold({ principal: { userId: 'b', tier: 'BASIC' }, showId, seatIds: ['A-1-2'] });
    expect(Date.parse(r.holdExpiresAt) - Date.parse(r.heldAt)).toBe(30_000);
    await expect(svc.hold({ principal: { userId: 'c', tier: 'BASIC' }, showId, seatIds: ['A-1-3', 'A-1-4', 'A-1-5'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
