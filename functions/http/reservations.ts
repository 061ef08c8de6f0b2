import * as z from 'zod/mini';
import { toView } from '#domain/reservations/reservation';
import { MAX_TICKETS_CEILING } from '#domain/sales-policy';
import { isDomainError } from '#platform/errors';
import { created, httpHandler } from '#platform/http';
import { count } from '#platform/metrics';
import { holdSeatsUseCase } from '#composition/hold-seats';
import { realIdempotency } from '#composition/idempotency';
import { holdAttempt } from '#services/abuse/attempts';
import { abuse } from '#composition/abuse';

const holdBody = z.strictObject({
  showId: z.string().check(z.minLength(1), z.maxLength(64)),
  seatIds: z.array(z.string().check(z.regex(/^[A-Za-z0-9]{1,8}-\d{1,4}-\d{1,4}$/, 'must look like A-3-12'))).check(z.minLength(1), z.maxLength(MAX_TICKETS_CEILING)),
  presaleCode: z.optional(z.string().check(z.maxLength(64))),
});

/** A hold lost to another buyer or to the buyer's own ticket limit: the contention the dashboard shows. */
const LOST = new Set(['SEAT_UNAVAILABLE', 'LIMIT_EXCEEDED']);

/** POST /v1/reservations — hold seats; `Idempotency-Key` replays the first 201. */
export const holdSeats = httpHandler(
  { auth: 'user', body: holdBody, idempotent: realIdempotency, guard: (req, next) => abuse().guard(holdAttempt(req), next) },
  async (req) => {
    try {
      const reservation = await holdSeatsUseCase()({ principal: req.principal, ...req.body, admissionToken: req.headers['x-admission-token'] });
      count('HoldsWon');
      return created(toView(reservation));
    } catch (error) {
      if (isDomainError(error) && LOST.has(error.code)) count('HoldsLost');
      throw error;
    }
  },
);
