import type { AbuseAuditFilter } from '#domain/abuse/audit';
import type { GroupLimits, RouteGroup } from '#domain/abuse/config';
import type { Clock } from '#platform/clock';
import { logger } from '#platform/logger';
import { FLUSH_CLAIMS } from './audit-batches';
import { notFound } from '#platform/errors';
import type { AbuseAudit, AbuseBlock, AbuseStateStore } from './ports';

/** ADMIN's side of the abuse rules: blocks per concert, runtime rate limits per concert, the audit query. */
export function abuseAdmin(deps: { state: AbuseStateStore; audit: Pick<AbuseAudit, 'query'>; pendingAudit: { flush(claimsPerShard?: number): Promise<number> }; clock: Clock }) {
  return {
    async block(concertId: string, adminId: string, input: { userId?: string; deviceId?: string; reason: string }): Promise<AbuseBlock> {
      const block: AbuseBlock = { ...input, by: adminId, at: deps.clock.now().toISOString() };
      await deps.state.block(concertId, block);
      return block;
    },
    async unblock(concertId: string, target: { userId?: string; deviceId?: string }): Promise<void> {
      if (!(await deps.state.unblock(concertId, target))) notFoundBlock(target);
    },
    blocks: (concertId: string) => deps.state.blocks(concertId),
    limits: (concertId: string) => deps.state.limits(concertId),
    async setLimits(concertId: string, limits: Partial<Record<RouteGroup, GroupLimits>>) {
      await deps.state.setLimits(concertId, limits);
      return deps.state.limits(concertId);
    },
    /**
     * Buffered rows are written first, so the answer includes every attempt audited before the query — all of a
     * normal minute's; a backlog beyond FLUSH_CLAIMS.query is left to the sweep rather than stall the query.
     */
    async auditLog(filter: AbuseAuditFilter, page: { limit: number; cursor?: string }) {
      await deps.pendingAudit.flush(FLUSH_CLAIMS.query).catch((error: unknown) => logger.warn('buffered abuse audit rows not flushed before the query', { error: error as Error }));
      return deps.audit.query(filter, page);
    },
  };
}

function notFoundBlock(target: { userId?: string; deviceId?: string }): never {
  throw target.userId !== undefined ? notFound('Block of user', target.userId) : notFound('Block of device', target.deviceId);
}
