import { redisAbuseChecks } from '#adapters/redis/abuse-checks';
import { redisAbuseState } from '#adapters/redis/abuse-admin';
import { abuseConfig, type AbuseConfigOverrides } from '#domain/abuse/config';
import type { AttemptFacts } from '#domain/abuse/rules';
import { redis } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { DomainError } from '#domain/errors';
import { ulids } from '#platform/ids';
import { wireAbuse } from '#composition/abuse';
import type { Attempt } from '#services/abuse/guard';

/**
 * The abuse guard on the real Redis and DynamoDB Local, with a clock the test moves: every window is judged by the
 * request clock, so a test crosses a 600 s window without waiting for it.
 */
export function abuseHarness(overrides: AbuseConfigOverrides = {}, opts: { difficulty?: number } = {}) {
  const clock = new ManualClock(new Date());
  const cfg = abuseConfig(overrides);
  const difficulty = { value: opts.difficulty ?? 0 };
  const abuse = wireAbuse({
    checks: redisAbuseChecks(redis),
    state: redisAbuseState(redis),
    clock,
    ids: ulids,
    config: () => cfg,
    challengeDifficulty: async () => difficulty.value,
  });
  let n = 0;
  /** Runs one guarded attempt; resolves to 'OK' or the refusal's code, rule and Retry-After. */
  async function attempt(facts: Partial<AttemptFacts> & Pick<AttemptFacts, 'action'> & { challengeHeader?: string }, settle?: Attempt<string>['settle']) {
    const full = { requestId: `req-${ulids.next()}-${n++}`, clientAddress: 'addr-1', ...facts };
    try {
      return await abuse.guard<string>({ facts: full, ...(settle ? { settle } : {}) }, async () => 'OK');
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return { code: e.code, rule: e.details?.rule, retryAfter: e.retryAfterSeconds, details: e.details };
    }
  }
  return { abuse, clock, attempt, difficulty };
}

export const unique = (prefix: string) => `${prefix}-${ulids.next()}`;
