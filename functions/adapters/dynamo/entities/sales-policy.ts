import * as z from 'zod/mini';
import { TIERS } from '#domain/identity';
import type { StoredSalesPolicy } from '#domain/catalog/types';
import type { SalesPolicy } from '#domain/sales-policy';
import { keys } from '../keys';
import { recordOf, schemaOnce } from './item';

/**
 * The sales policy item (`keys.salesPolicy`: PK `CONCERT#<id>`, SK `POLICY`): the policy's fields, `concertId`,
 * `updatedAt` and `version`, replaced field by field by the holds capability's PUT (functions/adapters/dynamo/sales-policy-store.ts).
 */
export const salesPolicyKey = keys.salesPolicy;

/** The optional presale fields: a replacement that omits them removes them. */
export const OPTIONAL_POLICY_FIELDS = ['presaleStartAt', 'presaleEndAt', 'presaleMinimumTier', 'presaleCodes'] as const;

const fields = () => ({
  presaleStartAt: z.optional(z.string()),
  presaleEndAt: z.optional(z.string()),
  presaleMinimumTier: z.optional(z.enum(TIERS)),
  presaleCodes: z.optional(z.array(z.string())),
  generalSaleStartAt: z.string(),
  maxTicketsPerUser: z.number(),
  holdTtlSeconds: z.number(),
  paymentTtlSeconds: z.number(),
  refundCutoffHours: z.number(),
});

const salesPolicyRecord = /* @__PURE__ */ schemaOnce(() => z.looseObject({ ...fields(), version: z.optional(z.number()), updatedAt: z.optional(z.string()) }));

/** The catalog's summary reads the policy fields only, each optional (functions/domain/catalog/types.ts). */
const storedPolicyRecord = /* @__PURE__ */ schemaOnce(() => z.partial(z.object(fields())));

export const salesPolicyFromItem = (item: Record<string, unknown>): SalesPolicy => recordOf('sales policy', salesPolicyRecord, item, ['PK', 'SK', 'concertId']);

/** The concert of a policy item, from its key. */
export const concertIdOfPolicyItem = (item: Record<string, unknown>): string => String(item.PK).slice('CONCERT#'.length);

export const storedPolicyFromItem = (item: Record<string, unknown>): StoredSalesPolicy => recordOf('sales policy', storedPolicyRecord, item, []);
