import { scheduledHandler } from '#platform/worker';
import { pendingAbuseAudit } from '#composition/abuse';

/** Every minute: writes the allowed attempts' audit rows that no full batch carried to the table yet. */
export const handler = scheduledHandler(async () => ({ written: await pendingAbuseAudit().flush() }));
