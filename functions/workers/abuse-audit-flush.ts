import { scheduledHandler } from '#platform/worker';
import { pendingAbuseAudit } from '#composition/abuse';

/** Every minute: writes the abuse audit rows buffered in Redis to the table. */
export const handler = scheduledHandler(async () => ({ written: await pendingAbuseAudit().flush() }));
