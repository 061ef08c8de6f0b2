import * as z from 'zod/mini';
import { DomainError } from '#domain/errors';
import { TIERS, tierAtLeast, type Tier } from '#domain/identity';

/**
 * A concert's sales policy and the rules that decide, at one instant, whether a buyer may hold seats.
 * Windows are half-open: presale is [presaleStartAt, presaleEndAt), general sale is [generalSaleStartAt, ∞).
 */

/** One transaction holds every seat plus the counter and the reservation; DynamoDB allows 100 items. */
export const MAX_TICKETS_CEILING = 50;

const isoInstant = z.iso.datetime({ offset: false, message: 'must be an ISO-8601 UTC instant, e.g. 2026-12-24T11:00:00.000Z' });
const intIn = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
const ttlSeconds = intIn(1, 3600);

export const salesPolicyInput = z
  .strictObject({
    presaleStartAt: z.optional(isoInstant),
    presaleEndAt: z.optional(isoInstant),
    presaleMinimumTier: z.optional(z.enum(TIERS)),
    presaleCodes: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))).check(z.maxLength(100))),
    generalSaleStartAt: isoInstant,
    maxTicketsPerUser: intIn(1, MAX_TICKETS_CEILING),
    holdTtlSeconds: ttlSeconds,
    paymentTtlSeconds: ttlSeconds,
    refundCutoffHours: intIn(0, 24 * 365),
  })
  .check(z.superRefine((p, ctx) => {
    const hasStart = p.presaleStartAt !== undefined;
    const hasEnd = p.presaleEndAt !== undefined;
    if (hasStart !== hasEnd) {
      const missing = hasStart ? 'presaleEndAt' : 'presaleStartAt';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'presaleStartAt and presaleEndAt go together: give both or neither' });
    }
    if (p.presaleStartAt && p.presaleEndAt) {
      if (Date.parse(p.presaleStartAt) >= Date.parse(p.presaleEndAt)) {
        ctx.addIssue({ code: 'custom', path: ['presaleEndAt'], message: 'must be after presaleStartAt' });
      }
      if (Date.parse(p.presaleEndAt) > Date.parse(p.generalSaleStartAt)) {
        ctx.addIssue({ code: 'custom', path: ['presaleEndAt'], message: 'must not be after generalSaleStartAt' });
      }
    }
    if (!hasStart && !hasEnd) {
      if (p.presaleMinimumTier) ctx.addIssue({ code: 'custom', path: ['presaleMinimumTier'], message: 'needs a presale window' });
      if (p.presaleCodes?.length) ctx.addIssue({ code: 'custom', path: ['presaleCodes'], message: 'needs a presale window' });
    }
  }));

export type SalesPolicyInput = z.output<typeof salesPolicyInput>;

export interface SalesPolicy extends SalesPolicyInput {
  /** Absent for the defaults; bumped on every change. */
  version?: number;
  updatedAt?: string;
}

/** What a concert without a stored policy sells under: on sale now, 4 tickets, hold 300 s, payment 600 s, cutoff 24 h. */
export const DEFAULT_SALES_POLICY: SalesPolicy = Object.freeze({
  generalSaleStartAt: '1970-01-01T00:00:00.000Z',
  maxTicketsPerUser: 4,
  holdTtlSeconds: 300,
  paymentTtlSeconds: 600,
  refundCutoffHours: 24,
});

export type SaleWindow = 'GENERAL' | 'PRESALE';

export interface Buyer {
  tier: Tier;
  presaleCode?: string;
}

/**
 * Which window admits this buyer at `at`, or the refusal: SALE_NOT_OPEN outside every window (details carry the
 * next opening), PRESALE_TIER_REQUIRED in presale for a buyer below the minimum tier and without a valid code.
 * A presale that names neither a tier nor codes is open to everyone during its window.
 */
export function admitBuyer(policy: SalesPolicy, buyer: Buyer, at: Date): SaleWindow {
  const t = at.getTime();
  if (t >= Date.parse(policy.generalSaleStartAt)) return 'GENERAL';
  const { presaleStartAt, presaleEndAt } = policy;
  if (presaleStartAt && presaleEndAt && t >= Date.parse(presaleStartAt) && t < Date.parse(presaleEndAt)) {
    if (presaleAdmits(policy, buyer)) return 'PRESALE';
    throw new DomainError(
      'PRESALE_TIER_REQUIRED',
      policy.presaleMinimumTier
        ? `Presale is open to ${policy.presaleMinimumTier} members and above, or with a presale code`
        : 'Presale needs a valid presale code',
      { presaleMinimumTier: policy.presaleMinimumTier ?? null, presaleEndAt, generalSaleStartAt: policy.generalSaleStartAt },
    );
  }
  const opensAt = presaleStartAt && t < Date.parse(presaleStartAt) ? presaleStartAt : policy.generalSaleStartAt;
  throw new DomainError('SALE_NOT_OPEN', `Sales open at ${opensAt}`, { opensAt, generalSaleStartAt: policy.generalSaleStartAt });
}

function presaleAdmits(policy: SalesPolicy, buyer: Buyer): boolean {
  const codes = policy.presaleCodes ?? [];
  if (!policy.presaleMinimumTier && codes.length === 0) return true;
  if (policy.presaleMinimumTier && tierAtLeast(buyer.tier, policy.presaleMinimumTier)) return true;
  const code = buyer.presaleCode?.trim();
  return code !== undefined && codes.includes(code);
}

/** The public summary: presale codes are secrets and never leave the admin view. */
export function publicView(policy: SalesPolicy): Omit<SalesPolicy, 'presaleCodes'> & { presaleCodeRequired: boolean } {
  const { presaleCodes, ...rest } = policy;
  return { ...rest, presaleCodeRequired: (presaleCodes?.length ?? 0) > 0 };
}
