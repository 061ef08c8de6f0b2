import * as z from 'zod';
import { httpHandler } from '#platform/http';
import { saleStatsPorts } from '#composition/sale-stats';
import { saleStats } from '#services/sale-stats/sale-stats';

/** GET /v1/admin/concerts/{concertId}/sale-stats?minutes= — holds, sales, expiries per minute and payment outcomes. */
export const getSaleStats = httpHandler(
  {
    auth: 'admin',
    params: z.object({ concertId: z.string().min(1).max(64) }),
    query: z.object({ minutes: z.coerce.number().int().min(1).max(60).default(15) }),
  },
  ({ params, query }) => saleStats(saleStatsPorts, params.concertId, query.minutes),
);
