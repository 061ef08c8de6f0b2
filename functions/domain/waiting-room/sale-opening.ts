import type { QueueConfig } from './queue-config';

/**
 * When the line opens. The sale opens at the sales policy's `presaleStartAt`, else its `generalSaleStartAt`; a
 * concert without a policy is on sale now (api.md's default). Between `prequeueOpensAt` and the opening joins land
 * in PREQUEUE; before `prequeueOpensAt` (or before the opening when there is no pre-queue) they are refused.
 */
export interface SalesPolicyTimes {
  presaleStartAt?: string;
  generalSaleStartAt?: string;
}

export function saleOpensAt(policy: SalesPolicyTimes | undefined): Date | undefined {
  const at = policy?.presaleStartAt ?? policy?.generalSaleStartAt;
  return at ? new Date(at) : undefined;
}

export type JoinPhase = 'CLOSED' | 'PREQUEUE' | 'OPEN';

export function joinPhase(now: Date, opensAt: Date | undefined, config: Pick<QueueConfig, 'prequeueOpensAt'>): JoinPhase {
  if (!opensAt || now >= opensAt) return 'OPEN';
  if (config.prequeueOpensAt && now >= new Date(config.prequeueOpensAt)) return 'PREQUEUE';
  return 'CLOSED';
}
