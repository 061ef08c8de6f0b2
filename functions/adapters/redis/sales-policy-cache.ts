import type { Redis } from 'ioredis';
import type { SalesPolicy } from '#domain/sales-policy';
import { dependencyUnavailable } from '#domain/errors';
import { logger } from '#platform/logger';
import type { SalesPolicyStore } from '#services/reservations/ports';

/** Bounds how long a policy could be served stale if a PUT's cache write and its fallback delete both failed. */
export const POLICY_CACHE_TTL_SECONDS = 300;

const cacheKey = (concertId: string) => `policy:{${concertId}}`;

/**
 * Every hold reads its concert's policy. From DynamoDB that is one hot item per on-sale concert (a hot partition
 * under a rush) and the only read on the hold path besides the transaction; from Redis it is one GET.
 * A change still applies to the very next hold: the PUT writes DynamoDB and then overwrites the cache entry, while
 * readers fill a missing entry only with SET NX, so a reader that read the old policy can never overwrite a newer
 * one. When Redis fails, reads go to DynamoDB and stay correct.
 */
export function cachedSalesPolicyStore(inner: SalesPolicyStore, client: () => Redis, ttlSeconds = POLICY_CACHE_TTL_SECONDS): SalesPolicyStore {
  const encode = (policy: SalesPolicy | undefined) => JSON.stringify({ policy: policy ?? null });
  /** Misses in flight: when a sale opens, the buyers arriving together at a cold entry share one DynamoDB read. */
  const filling = new Map<string, Promise<SalesPolicy | undefined>>();
  const fill = (concertId: string) => {
    let pending = filling.get(concertId);
    if (!pending) {
      pending = (async () => {
        const policy = await inner.get(concertId);
        await client()
          .set(cacheKey(concertId), encode(policy), 'EX', ttlSeconds, 'NX')
          .catch((error: Error) => logger.warn('policy cache fill failed', { concertId, error }));
        return policy;
      })().finally(() => filling.delete(concertId));
      filling.set(concertId, pending);
    }
    return pending;
  };
  return {
    async get(concertId) {
      try {
        const hit = await client().get(cacheKey(concertId));
        if (hit !== null) return (JSON.parse(hit) as { policy: SalesPolicy | null }).policy ?? undefined;
      } catch (error) {
        logger.warn('policy cache unavailable; reading DynamoDB', { concertId, error: error as Error });
        return inner.get(concertId);
      }
      return fill(concertId);
    },
    async put(concertId, input, at) {
      const stored = await inner.put(concertId, input, at);
      try {
        await client().set(cacheKey(concertId), encode(stored), 'EX', ttlSeconds);
      } catch (error) {
        logger.error('policy cache write failed; dropping the entry', { concertId, error: error as Error });
        // Without the entry, the next hold reads DynamoDB; if even the delete fails, the admin must retry.
        await client()
          .del(cacheKey(concertId))
          .catch(() => {
            throw dependencyUnavailable('the sales-policy cache');
          });
      }
      return stored;
    },
    concertExists: (concertId) => inner.concertExists(concertId),
  };
}
