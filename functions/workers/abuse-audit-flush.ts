import { gauge } from '#platform/metrics';
import { scheduledHandler } from '#platform/worker';
import { pendingAbuseAudit } from '#composition/abuse';

/** Every minute: writes the abuse audit rows buffered in Redis to the table, and reports what is left. */
export const handler = scheduledHandler(async () => {
  const written = await pendingAbuseAudit().flush();
  const backlog = await pendingAbuseAudit().backlog();
  gauge('AbuseAuditBacklog', backlog);
  return { written, backlog };
});
