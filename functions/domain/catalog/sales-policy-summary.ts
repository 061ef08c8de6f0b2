import type { StoredSalesPolicy } from './types';

/**
 * The sales-policy summary shown on a concert. The holds capability owns the policy itself (and its engine);
 * the catalog only reads the stored item and fills in the api.md defaults for a concert that has none:
 * on sale now, 4 tickets, hold 300 s, payment 600 s, refund cutoff 24 h. Presale codes are never shown.
 */
export const SALES_POLICY_DEFAULTS = {
  maxTicketsPerUser: 4,
  holdTtlSeconds: 300,
  paymentTtlSeconds: 600,
  refundCutoffHours: 24,
} as const;

export type SalePhase = 'NOT_OPEN' | 'PRESALE' | 'GENERAL_SALE';

export interface SalesPolicySummary {
  phase: SalePhase;
  presaleStartAt: string | null;
  presaleEndAt: string | null;
  presaleMinimumTier: string | null;
  presaleCodeRequired: boolean;
  /** null: on sale since the concert was published. */
  generalSaleStartAt: string | null;
  maxTicketsPerUser: number;
  holdTtlSeconds: number;
  paymentTtlSeconds: number;
  refundCutoffHours: number;
  /** True when the concert has no stored policy and the defaults apply. */
  isDefault: boolean;
}

const at = (iso: string | undefined | null) => (iso ? Date.parse(iso) : undefined);

export function salePhase(policy: StoredSalesPolicy | undefined, now: Date): SalePhase {
  const t = now.getTime();
  const general = at(policy?.generalSaleStartAt);
  if (general === undefined || t >= general) return 'GENERAL_SALE';
  const start = at(policy?.presaleStartAt);
  const end = at(policy?.presaleEndAt);
  if (start !== undefined && t >= start && (end === undefined || t < end)) return 'PRESALE';
  return 'NOT_OPEN';
}

export function summarizeSalesPolicy(policy: StoredSalesPolicy | undefined, now: Date): SalesPolicySummary {
  return {
    phase: salePhase(policy, now),
    presaleStartAt: policy?.presaleStartAt ?? null,
    presaleEndAt: policy?.presaleEndAt ?? null,
    presaleMinimumTier: policy?.presaleMinimumTier ?? null,
    presaleCodeRequired: (policy?.presaleCodes?.length ?? 0) > 0,
    generalSaleStartAt: policy?.generalSaleStartAt ?? null,
    maxTicketsPerUser: policy?.maxTicketsPerUser ?? SALES_POLICY_DEFAULTS.maxTicketsPerUser,
    holdTtlSeconds: policy?.holdTtlSeconds ?? SALES_POLICY_DEFAULTS.holdTtlSeconds,
    paymentTtlSeconds: policy?.paymentTtlSeconds ?? SALES_POLICY_DEFAULTS.paymentTtlSeconds,
    refundCutoffHours: policy?.refundCutoffHours ?? SALES_POLICY_DEFAULTS.refundCutoffHours,
    isDefault: policy === undefined,
  };
}
