import * as z from 'zod/mini';
import { QUEUE_MODES } from '#domain/waiting-room/queue-config';
import type { RefundAuditEntry } from '#services/reservations/ports';
import type { QueueConfigAuditEntry } from '#services/waiting-room/ports';
import { gsi1, keys } from '../keys';
import { GSI1, recordOf, schemaOnce } from './item';

/**
 * The audit entry item: PK `AUDIT#<kind>`, SK `<at>#<id>` (`keys.audit`), newest first by kind; an actor's entries
 * through GSI1 (`gsi1.auditOfUser`). Two kinds: refund overrides (`REFUND`) and queue-config changes
 * (`QUEUE_CONFIG#<concertId>`, its `kind` attribute `QUEUE_CONFIG`).
 */
export const AUDIT_OF_USER_INDEX = GSI1;

export const REFUND_AUDIT_KIND = 'REFUND';
export const queueConfigAuditKind = (concertId: string) => `QUEUE_CONFIG#${concertId}`;

/** The partition of one kind's entries. */
export const auditPartition = (kind: string) => keys.audit(kind, '', '').PK;

const STORAGE = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'kind'] as const;

export const refundAuditRecord = /* @__PURE__ */ schemaOnce(() =>
  z.looseObject({
    auditId: z.string(),
    at: z.string(),
    action: z.enum(['CANCEL', 'REFUND']),
    adminId: z.string(),
    reservationId: z.string(),
    userId: z.string(),
    concertId: z.string(),
    showId: z.string(),
    paymentIntentId: z.optional(z.string()),
    amount: z.number(),
    currency: z.string(),
    showStartsAt: z.string(),
    refundCutoffHours: z.number(),
  }),
);

export const queueConfigAuditRecord = /* @__PURE__ */ schemaOnce(() =>
  z.looseObject({
    auditId: z.string(),
    concertId: z.string(),
    userId: z.string(),
    requestId: z.string(),
    at: z.string(),
    change: z.enum(['PAUSED', 'RESUMED', 'UPDATED']),
    config: z.looseObject({
      mode: z.enum(QUEUE_MODES),
      admitPerSecond: z.number(),
      maxActive: z.number(),
      activeTtlSeconds: z.number(),
      maxWaiting: z.number(),
      prequeueOpensAt: z.optional(z.string()),
      randomizeAtOpen: z.optional(z.boolean()),
      paused: z.optional(z.boolean()),
      challengeDifficulty: z.optional(z.number()),
  }),
  }),
);

export function refundAuditToItem(entry: RefundAuditEntry): Record<string, unknown> {
  return { ...keys.audit(REFUND_AUDIT_KIND, entry.at, entry.auditId), ...gsi1.auditOfUser(entry.userId, entry.at, entry.auditId), kind: REFUND_AUDIT_KIND, ...entry };
}

export const refundAuditFromItem = (item: Record<string, unknown>): RefundAuditEntry => recordOf('refund audit', refundAuditRecord, item, STORAGE);

export function queueConfigAuditToItem(entry: QueueConfigAuditEntry): Record<string, unknown> {
  return {
    ...keys.audit(queueConfigAuditKind(entry.concertId), entry.at, entry.auditId),
    ...gsi1.auditOfUser(entry.userId, entry.at, entry.auditId),
    kind: 'QUEUE_CONFIG',
    ...entry,
  };
}

export const queueConfigAuditFromItem = (item: Record<string, unknown>): QueueConfigAuditEntry => recordOf('queue-config audit', queueConfigAuditRecord, item, STORAGE);
