import * as z from 'zod/mini';
import { DetailType, type DomainEvent } from '#domain/events';
import type { AbuseAuditEntry } from './audit';
import { ABUSE_ACTIONS, ABUSE_RULES } from './rules';

/** `AbuseBlocked` detail: the contract consumers (alarms, a fraud desk) read. */
export const abuseBlockedDetail = z.strictObject({
  auditId: z.string(),
  action: z.enum(ABUSE_ACTIONS),
  rule: z.enum(ABUSE_RULES),
  userId: z.optional(z.string()),
  concertId: z.optional(z.string()),
  deviceId: z.optional(z.string()),
  clientAddress: z.string(),
  requestId: z.string(),
  retryAfterSeconds: z.number().check(z.int(), z.minimum(1)),
  at: z.string(),
});
export type AbuseBlockedDetail = z.infer<typeof abuseBlockedDetail>;

export function abuseBlockedEvent(entry: AbuseAuditEntry & { rule: AbuseAuditEntry['rule'] & string }, retryAfterSeconds: number): DomainEvent<AbuseBlockedDetail> {
  const { result: _result, ...rest } = entry;
  return { detailType: DetailType.AbuseBlocked, detail: abuseBlockedDetail.parse({ ...rest, retryAfterSeconds }) };
}
