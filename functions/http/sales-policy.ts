import { z } from 'zod';
import { DEFAULT_SALES_POLICY, publicView, salesPolicyInput } from '#domain/sales-policy';
import { systemClock } from '#platform/clock';
import { notFound } from '#platform/errors';
import { httpHandler } from '#platform/http';
import { salesPolicies } from '#services/reservations/compose';

const params = z.object({ concertId: z.string().min(1).max(64) });

/** GET /v1/concerts/{concertId}/sales-policy — public; the defaults when none is stored; codes never shown. */
export const getSalesPolicy = httpHandler({ auth: 'public', params }, async ({ params }) => {
  const [policy, exists] = await Promise.all([salesPolicies.get(params.concertId), salesPolicies.concertExists(params.concertId)]);
  if (!exists) throw notFound('Concert', params.concertId);
  return { concertId: params.concertId, ...publicView(policy ?? DEFAULT_SALES_POLICY), isDefault: !policy };
});

/** PUT /v1/concerts/{concertId}/sales-policy — ADMIN; replaces the policy; the next hold applies it. */
export const putSalesPolicy = httpHandler({ auth: 'admin', params, body: salesPolicyInput }, async ({ params, body }) => {
  if (!(await salesPolicies.concertExists(params.concertId))) throw notFound('Concert', params.concertId);
  return { concertId: params.concertId, ...(await salesPolicies.put(params.concertId, body, systemClock.now())) };
});
