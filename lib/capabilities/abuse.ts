import type { Capability } from './types';

/**
 * Bot resistance and its audit: the join challenge, ADMIN blocks and runtime rate limits per concert, the abuse
 * audit. The guard itself runs inside the join, hold, pay, cancel, dev sign-in and refresh handlers (one Redis script
 * per request); their routes, in their own capabilities, carry the `redis` and `events` needs it uses.
 */
export const abuse: Capability = {
  name: 'abuse',
  routes: [
    { method: 'GET', path: '/v1/concerts/{concertId}/queue/challenge', handler: 'http/abuse.getJoinChallenge', auth: 'user', needs: ['redis', 'table'] }, // table: the guard audits refusals
    { method: 'GET', path: '/v1/admin/concerts/{concertId}/blocks', handler: 'http/abuse.listConcertBlocks', auth: 'admin', needs: ['redis'] },
    { method: 'POST', path: '/v1/admin/concerts/{concertId}/blocks', handler: 'http/abuse.blockForConcert', auth: 'admin', needs: ['redis'] },
    { method: 'DELETE', path: '/v1/admin/concerts/{concertId}/blocks', handler: 'http/abuse.unblockForConcert', auth: 'admin', needs: ['redis'] },
    { method: 'GET', path: '/v1/admin/concerts/{concertId}/rate-limits', handler: 'http/abuse.getConcertRateLimits', auth: 'admin', needs: ['redis'] },
    { method: 'PUT', path: '/v1/admin/concerts/{concertId}/rate-limits', handler: 'http/abuse.putConcertRateLimits', auth: 'admin', needs: ['redis'] },
    // table and redis: the query first writes the audit rows still buffered in Redis.
    { method: 'GET', path: '/v1/admin/audit/abuse', handler: 'http/abuse.listAbuseAudit', auth: 'admin', needs: ['table', 'redis'] },
  ],
  // Audit rows wait in Redis; this sweep (and every audit query) writes them to the table in batches.
  schedules: [{ id: 'FlushAbuseAudit', handler: 'workers/abuse-audit-flush.handler', needs: ['table', 'redis'], localIntervalMs: 10_000, timeoutSeconds: 60, memoryMb: 256 }],
};
