import * as z from 'zod';
import { DomainError, notFound } from '#domain/errors';
import { httpHandler } from '#platform/http';
import { STRATEGIES } from '#services/lab/ports';
import { lab, labEnabled } from '#composition/lab';

const ensureEnabled = () => {
  if (!labEnabled()) throw notFound('Route');
};

/** POST /v1/lab/contention/{strategy} `{seatId, userId}` — one buyer's attempt; 409 SEAT_UNAVAILABLE when lost. */
export const reserve = httpHandler(
  {
    auth: 'public',
    params: z.object({ strategy: z.enum(STRATEGIES) }),
    body: z.object({ seatId: z.string().min(1).max(32), userId: z.string().min(1).max(64) }).strict(),
  },
  async ({ params, body }) => {
    ensureEnabled();
    const result = await lab.reserve(params.strategy, body.seatId, body.userId);
    if (!result.won) {
      throw new DomainError('SEAT_UNAVAILABLE', `Seat ${body.seatId} was not reserved (${result.reason})`, { strategy: params.strategy, seatId: body.seatId, reason: result.reason, tries: result.tries });
    }
    return { strategy: params.strategy, seatId: body.seatId, userId: body.userId, won: true, tries: result.tries };
  },
);

/** POST /v1/lab/contention/reset `{seats}` — a fresh lab show with that many AVAILABLE seats and an empty report. */
export const reset = httpHandler({ auth: 'public', body: z.object({ seats: z.number().int().min(1).max(1000) }).strict() }, async ({ body }) => {
  ensureEnabled();
  return lab.reset(body.seats);
});

/** GET /v1/lab/contention/report — `{strategy: {attempts, successes, doubleBookings}}`. */
export const report = httpHandler({ auth: 'public' }, async () => {
  ensureEnabled();
  return lab.report();
});
