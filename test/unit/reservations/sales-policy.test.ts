import { describe, expect, it } from 'vitest';
import { admitBuyer, DEFAULT_SALES_POLICY, publicView, salesPolicyInput, type SalesPolicy } from '#domain/sales-policy';
import type { Tier } from '#domain/identity';

const policy: SalesPolicy = {
  presaleStartAt: '2026-12-01T10:00:00.000Z',
  presaleEndAt: '2026-12-01T12:00:00.000Z',
  presaleMinimumTier: 'GOLD',
  presaleCodes: ['ARMY2026'],
  generalSaleStartAt: '2026-12-02T10:00:00.000Z',
  maxTicketsPerUser: 4,
  holdTtlSeconds: 300,
  paymentTtlSeconds: 600,
  refundCutoffHours: 24,
};
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta);
const outcome = (p: SalesPolicy, tier: Tier, at: Date, presaleCode?: string) => {
  try {
    return admitBuyer(p, { tier, presaleCode }, at);
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('admitBuyer at every boundary instant', () => {
  it('refuses everyone 1 ms before presale starts', () => {
    for (const tier of ['BASIC', 'VIP'] as const) expect(outcome(policy, tier, ms(policy.presaleStartAt!, -1), 'ARMY2026')).toBe('SALE_NOT_OPEN');
  });

  it('admits GOLD and above at the presale start instant and refuses lower tiers', () => {
    const at = ms(policy.presaleStartAt!, 0);
    expect(outcome(policy, 'GOLD', at)).toBe('PRESALE');
    expect(outcome(policy, 'VIP', at)).toBe('PRESALE');
    expect(outcome(policy, 'SILVER', at)).toBe('PRESALE_TIER_REQUIRED');
    expect(outcome(policy, 'BASIC', at)).toBe('PRESALE_TIER_REQUIRED');
  });

  it('admits a lower tier with a valid code, not with a wrong one', () => {
    const at = ms(policy.presaleStartAt!, 1);
    expect(outcome(policy, 'BASIC', at, 'ARMY2026')).toBe('PRESALE');
    expect(outcome(policy, 'BASIC', at, ' ARMY2026 ')).toBe('PRESALE');
    expect(outcome(policy, 'BASIC', at, 'army2026')).toBe('PRESALE_TIER_REQUIRED');
    expect(outcome(policy, 'SILVER', at, '')).toBe('PRESALE_TIER_REQUIRED');
  });

  it('keeps presale open until 1 ms before its end and closes it at the end instant', () => {
    expect(outcome(policy, 'GOLD', ms(policy.presaleEndAt!, -1))).toBe('PRESALE');
    expect(outcome(policy, 'GOLD', ms(policy.presaleEndAt!, 0))).toBe('SALE_NOT_OPEN');
    expect(outcome(policy, 'VIP', ms(policy.presaleEndAt!, 0), 'ARMY2026')).toBe('SALE_NOT_OPEN');
  });

  it('refuses everyone between presale end and general sale, and 1 ms before general sale', () => {
    expect(outcome(policy, 'VIP', ms(policy.generalSaleStartAt, -1))).toBe('SALE_NOT_OPEN');
  });

  it('admits every tier at the general sale instant and after', () => {
    for (const tier of ['BASIC', 'SILVER', 'GOLD', 'VIP'] as const) {
      expect(outcome(policy, tier, ms(policy.generalSaleStartAt, 0))).toBe('GENERAL');
      expect(outcome(policy, tier, ms(policy.generalSaleStartAt, 86_400_000))).toBe('GENERAL');
    }
  });

  it('ranks tiers BASIC < SILVER < GOLD < VIP against the minimum', () => {
    const at = ms(policy.presaleStartAt!, 0);
    const expected: Record<Tier, Record<Tier, string>> = {
      BASIC: { BASIC: 'PRESALE', SILVER: 'PRESALE', GOLD: 'PRESALE', VIP: 'PRESALE' },
      SILVER: { BASIC: 'PRESALE_TIER_REQUIRED', SILVER: 'PRESALE', GOLD: 'PRESALE', VIP: 'PRESALE' },
      GOLD: { BASIC: 'PRESALE_TIER_REQUIRED', SILVER: 'PRESALE_TIER_REQUIRED', GOLD: 'PRESALE', VIP: 'PRESALE' },
      VIP: { BASIC: 'PRESALE_TIER_REQUIRED', SILVER: 'PRESALE_TIER_REQUIRED', GOLD: 'PRESALE_TIER_REQUIRED', VIP: 'PRESALE' },
    };
    for (const minimum of Object.keys(expected) as Tier[]) {
      const p = { ...policy, presaleMinimumTier: minimum, presaleCodes: [] };
      for (const tier of Object.keys(expected[minimum]) as Tier[]) expect(outcome(p, tier, at), `${tier} vs ${minimum}`).toBe(expected[minimum][tier]);
    }
  });

  it('opens a code-only presale to code holders only', () => {
    const p = { ...policy, presaleMinimumTier: undefined };
    expect(outcome(p, 'VIP', ms(policy.presaleStartAt!, 0))).toBe('PRESALE_TIER_REQUIRED');
    expect(outcome(p, 'BASIC', ms(policy.presaleStartAt!, 0), 'ARMY2026')).toBe('PRESALE');
  });

  it('opens an unrestricted presale window to everyone', () => {
    const p = { ...policy, presaleMinimumTier: undefined, presaleCodes: undefined };
    expect(outcome(p, 'BASIC', ms(policy.presaleStartAt!, 0))).toBe('PRESALE');
  });

  it('tells a refused buyer when sales open', () => {
    try {
      admitBuyer(policy, { tier: 'VIP' }, ms(policy.presaleStartAt!, -1));
    } catch (e) {
      expect(e).toMatchObject({ details: { opensAt: policy.presaleStartAt } });
    }
    try {
      admitBuyer(policy, { tier: 'VIP' }, ms(policy.presaleEndAt!, 0));
    } catch (e) {
      expect(e).toMatchObject({ details: { opensAt: policy.generalSaleStartAt } });
    }
    expect.assertions(2);
  });

  it('puts everyone on sale now under the defaults', () => {
    expect(admitBuyer(DEFAULT_SALES_POLICY, { tier: 'BASIC' }, new Date('2026-01-01T00:00:00.000Z'))).toBe('GENERAL');
    expect(DEFAULT_SALES_POLICY).toMatchObject({ maxTicketsPerUser: 4, holdTtlSeconds: 300, paymentTtlSeconds: 600, refundCutoffHours: 24 });
  });
});

describe('sales policy validation', () => {
  const { presaleStartAt: _s, presaleEndAt: _e, presaleMinimumTier: _t, presaleCodes: _c, ...general } = policy;
  const issues = (input: unknown) => {
    const r = salesPolicyInput.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const paths = (input: unknown) => issues(input).map((i) => i.split(':')[0]);

  it('accepts a full policy and a general-only policy', () => {
    expect(issues(policy)).toEqual([]);
    expect(issues(general)).toEqual([]);
  });

  it('wants both presale bounds or neither, naming the missing one', () => {
    expect(paths({ ...general, presaleStartAt: policy.presaleStartAt })).toEqual(['presaleEndAt']);
    expect(paths({ ...general, presaleEndAt: policy.presaleEndAt })).toEqual(['presaleStartAt']);
  });

  it('wants presale start before end, and end no later than general sale', () => {
    expect(paths({ ...policy, presaleEndAt: policy.presaleStartAt })).toEqual(['presaleEndAt']);
    expect(issues({ ...policy, presaleEndAt: ms(policy.generalSaleStartAt, 1).toISOString() })).toEqual(['presaleEndAt: must not be after generalSaleStartAt']);
    expect(issues({ ...policy, presaleEndAt: policy.generalSaleStartAt })).toEqual([]);
  });

  it('refuses a tier or codes without a presale window', () => {
    expect(paths({ ...general, presaleMinimumTier: 'GOLD' })).toEqual(['presaleMinimumTier']);
    expect(paths({ ...general, presaleCodes: ['X'] })).toEqual(['presaleCodes']);
  });

  it('bounds the limit and the TTLs, naming each bad field', () => {
    expect(paths({ ...general, maxTicketsPerUser: 0 })).toEqual(['maxTicketsPerUser']);
    expect(paths({ ...general, maxTicketsPerUser: 1.5 })).toEqual(['maxTicketsPerUser']);
    expect(paths({ ...general, holdTtlSeconds: 0, paymentTtlSeconds: 3601 })).toEqual(['holdTtlSeconds', 'paymentTtlSeconds']);
    expect(issues({ ...general, holdTtlSeconds: 1, paymentTtlSeconds: 3600 })).toEqual([]);
  });

  it('requires the general fields and rejects unknown ones and non-UTC times', () => {
    expect(paths({})).toEqual(expect.arrayContaining(['generalSaleStartAt', 'maxTicketsPerUser', 'holdTtlSeconds', 'paymentTtlSeconds', 'refundCutoffHours']));
    expect(paths({ ...general, surprise: 1 })).toEqual(['']);
    expect(paths({ ...general, generalSaleStartAt: '2026-12-02 10:00' })).toEqual(['generalSaleStartAt']);
  });

  it('never shows presale codes publicly', () => {
    const view = publicView(policy);
    expect(view).not.toHaveProperty('presaleCodes');
    expect(view.presaleCodeRequired).toBe(true);
  });
});
