import { Reply, httpHandler } from '#platform/http';
import { healthCheck } from '#composition/health';

/** GET /v1/health: 200 when every dependency answers in time, 503 `degraded` naming the one that did not. */
export const health = httpHandler({ auth: 'public' }, async () => {
  const report = await healthCheck();
  return new Reply(report.status === 'ok' ? 200 : 503, report, report.status === 'ok' ? {} : { 'retry-after': '5' });
});
