import * as z from 'zod/mini';
import { salesPolicyInput } from '#domain/sales-policy';
import { httpHandler } from '#platform/http';
import { salesPolicy } from '#composition/sales-policy';

const params = z.object({ concertId: z.string().check(z.minLength(1), z.maxLength(64)) });

/** GET /v1/concerts/{concertId}/sales-policy — public; the defaults when none is stored; codes never shown. */
export const getSalesPolicy = httpHandler({ auth: 'public', params }, ({ params }) => salesPolicy().get(params.concertId));

/** PUT /v1/concerts/{concertId}/sales-policy — ADMIN; replaces the policy; the next hold applies it. */
export const putSalesPolicy = httpHandler({ auth: 'admin', params, body: salesPolicyInput }, ({ params, body }) =>
  salesPolicy().replace(params.concertId, body),
);
