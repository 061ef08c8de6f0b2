import { DEFAULT_SALES_POLICY, publicView, type SalesPolicyInput } from '#domain/sales-policy';
import type { Clock } from '#platform/clock';
import { notFound } from '#domain/errors';
import type { SalesPolicyStore } from './ports';

export interface SalesPolicyDeps {
  policies: SalesPolicyStore;
  /** Concert detail and search (`onSale`) show the policy; they are rebuilt on their next read. */
  invalidateConcertReads: (concertId: string) => Promise<void>;
  clock: Clock;
}

/** GET and PUT of a concert's sales policy (api.md); holds read the stored policy on every request. */
export function salesPolicyService(deps: SalesPolicyDeps) {
  async function mustExist(concertId: string) {
    if (!(await deps.policies.concertExists(concertId))) throw notFound('Concert', concertId);
  }
  return {
    async get(concertId: string) {
      const [policy] = await Promise.all([deps.policies.get(concertId), mustExist(concertId)]);
      return { concertId, ...publicView(policy ?? DEFAULT_SALES_POLICY), isDefault: !policy };
    },
    async replace(concertId: string, input: SalesPolicyInput) {
      await mustExist(concertId);
      const stored = await deps.policies.put(concertId, input, deps.clock.now());
      await deps.invalidateConcertReads(concertId);
      return { concertId, ...stored };
    },
  };
}
