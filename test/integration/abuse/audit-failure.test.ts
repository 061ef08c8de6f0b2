import { describe, expect, it } from 'vitest';
import { redisAbuseChecks } from '#adapters/redis/abuse-checks';
import { redisAbuseState } from '#adapters/redis/abuse-admin';
import { abuseConfig } from '#domain/abuse/config';
import { redis } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { wireAbuseGuard } from '#composition/abuse';
import { unique } from './harness';

describe('an allowed attempt whose audit write fails', () => {
  it('still answers the request, and the failed write is never an unhandled rejection (which would end the process)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const guard = wireAbuseGuard({
        checks: redisAbuseChecks(redis),
        state: redisAbuseState(redis),
        clock: new ManualClock(new Date()),
        ids: ulids,
        config: () => abuseConfig({}),
        challengeDifficulty: async () => 0,
        // The audit table timing out at once, while the hold itself takes longer (a loaded DynamoDB).
        audit: { record: () => Promise.reject(Object.assign(new Error('request timed out'), { name: 'TimeoutError' })) },
      });
      const facts = { action: 'HOLD' as const, userId: unique('slow-hold'), concertId: unique('c'), fingerprint: 'seats', requestId: unique('req'), clientAddress: 'addr' };
      const answer = await guard.guard({ facts }, async () => {
        await new Promise((r) => setTimeout(r, 100));
        return 'HELD';
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(answer).toBe('HELD');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
