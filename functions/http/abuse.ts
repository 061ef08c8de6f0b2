import * as z from 'zod';
import { ABUSE_ACTIONS, ABUSE_RULES } from '#domain/abuse/rules';
import { ROUTE_GROUPS, groupLimitsSchema } from '#domain/abuse/config';
import { created, httpHandler, noContent } from '#platform/http';
import { challengeAttempt } from '#services/abuse/attempts';
import { abuseAtJoin as abuse } from '#composition/abuse-join';

const params = z.object({ concertId: z.string().min(1).max(64) });
const id = z.string().min(1).max(128);
const blockBody = z
  .strictObject({ userId: id.optional(), deviceId: id.optional(), reason: z.string().min(1).max(500) })
  .refine((t) => (t.userId === undefined) !== (t.deviceId === undefined), { message: 'give exactly one of userId or deviceId', path: ['userId'] });
const isoInstant = z.string().datetime({ offset: true, message: 'must be an ISO-8601 instant' }).transform((s) => new Date(s).toISOString());

/** GET /v1/concerts/{concertId}/queue/challenge — a fresh join challenge for the caller (api.md). */
export const getJoinChallenge = httpHandler({ auth: 'user', params }, (req) =>
  abuse().guard(challengeAttempt(req, req.params.concertId), () => abuse().issueChallenge(req.params.concertId, req.principal.userId)),
);

/** POST /v1/admin/concerts/{concertId}/blocks — block a user or a device for this concert. */
export const blockForConcert = httpHandler({ auth: 'admin', params, body: blockBody }, async ({ params, body, principal }) =>
  created(await abuse().block(params.concertId, principal.userId, body)),
);

/** DELETE /v1/admin/concerts/{concertId}/blocks — `{userId|deviceId, reason}` as api.md has it: lift a block; 404 when there is none. */
export const unblockForConcert = httpHandler({ auth: 'admin', params, body: blockBody }, async ({ params, body }) => {
  await abuse().unblock(params.concertId, body.userId !== undefined ? { userId: body.userId } : { deviceId: body.deviceId });
  return noContent();
});

/** GET /v1/admin/concerts/{concertId}/blocks — every block of the concert, newest first. */
export const listConcertBlocks = httpHandler({ auth: 'admin', params }, async ({ params }) => ({ items: await abuse().blocks(params.concertId), nextCursor: null }));

const limitsBody = z.strictObject(Object.fromEntries(ROUTE_GROUPS.map((g) => [g, z.optional(groupLimitsSchema)])) as Record<(typeof ROUTE_GROUPS)[number], z.ZodOptional<typeof groupLimitsSchema>>);

/** GET /v1/admin/concerts/{concertId}/rate-limits — the concert's runtime overrides of the stage's rate limits. */
export const getConcertRateLimits = httpHandler({ auth: 'admin', params }, ({ params }) => abuse().limits(params.concertId));

/** PUT /v1/admin/concerts/{concertId}/rate-limits — replaces the overrides; a group left out uses the stage's limits. */
export const putConcertRateLimits = httpHandler({ auth: 'admin', params, body: limitsBody }, ({ params, body }) => abuse().setLimits(params.concertId, body));

/** GET /v1/admin/audit/abuse — ADMIN: filtered, newest first, keyset-paged. */
export const listAbuseAudit = httpHandler(
  {
    auth: 'admin',
    query: z.object({
      action: z.enum(ABUSE_ACTIONS).optional(),
      result: z.enum(['ALLOWED', 'BLOCKED']).optional(),
      rule: z.enum(ABUSE_RULES).optional(),
      userId: id.optional(),
      concertId: z.string().min(1).max(64).optional(),
      from: isoInstant.optional(),
      to: isoInstant.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.string().min(1).max(2048).optional(),
    }),
  },
  ({ query: { limit, cursor, ...filter } }) => abuse().auditLog(filter, { limit, ...(cursor ? { cursor } : {}) }),
);
