import { dynamoRefundAudit } from '#adapters/dynamo/refund-audit';
import type { RefundAudit } from '#services/reservations/ports';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

/** The admin refund audit read, apart from the buyers' reservation reads so their bundles leave it out. */
export const refundAudit = lazy((): RefundAudit => dynamoRefundAudit(db, tableName));
