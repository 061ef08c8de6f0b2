import { invalidateConcertReads } from '#adapters/redis/catalog-invalidation';
import { systemClock } from '#platform/clock';
import { salesPolicyService, type SalesPolicyDeps } from '#services/reservations/sales-policy';
import { lazy } from './lazy';
import { realSalesPolicies } from './sales-policies';

export const realSalesPolicyPorts = (): SalesPolicyDeps => ({ policies: realSalesPolicies(), invalidateConcertReads, clock: systemClock });

export const wireSalesPolicy = (p: SalesPolicyDeps) => salesPolicyService(p);

export const salesPolicy = lazy(() => wireSalesPolicy(realSalesPolicyPorts()));
