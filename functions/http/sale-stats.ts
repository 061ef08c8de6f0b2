import { z } from 'zod';
import { httpHandler } from '#platform/http';
import { systemClock } from '#platform/clock';
import { reservationsOfConcertSince } from '#adapters/dynamo/sale-activity-reader';
import { saleStats } from '#services/sale-stats/sale-stats';

const deps = { reservationsSince: reservationsOfConcertSince, clock: systemClock };

/** GET /v1/admin/concerts/{concertId}/sale-stats?minutes= — holds, sales, expiries per minute and payment outcomes. */
export const getSaleStats = httpHandler(
  {
    auth: 'admin',
    params: z.object({ concertId: z.string().min(1).max(64) }),
    query: z.object({ minutes: z.coerce.number().int().min(1).max(60).default(15) }),
  },
  ({ params, query }) => saleStats(deps, params.concertId, query.minutes),
);
