import { describe, expect, it } from 'vitest';
import { solve, solves } from '#domain/abuse/proof-of-work-sha256';
import { abuseHarness, unique } from './harness';

describe('HOLD_BURST', () => {
  it('lets the 3rd hold attempt in 10 s pass, refuses the 4th with Retry-After, and passes again after the window', async () => {
    const { attempt, clock } = abuseHarness();
    const userId = unique('u');
    const concertId = unique('c');
    const hold = (i: number) => attempt({ action: 'HOLD', userId, concertId, fingerprint: `seats-${i}` });
    expect(await hold(1)).toBe('OK');
    clock.advance(2);
    expect(await hold(2)).toBe('OK');
    clock.advance(2);
    expect(await hold(3)).toBe('OK');
    clock.advance(1);
    // The oldest attempt (5 s ago) leaves the window in 5 s.
    expect(await hold(4)).toEqual(expect.objectContaining({ code: 'ABUSE_BLOCKED', rule: 'HOLD_BURST', retryAfter: 5 }));
    clock.advance(5);
    expect(await hold(5)).toBe('OK');
  });

  it('counts per user: another user in the same concert is untouched', async () => {
    const { attempt } = abuseHarness();
    const concertId = unique('c');
    const a = unique('u');
    for (let i = 0; i < 3; i++) await attempt({ action: 'HOLD', userId: a, concertId, fingerprint: `f${i}` });
    expect(await attempt({ action: 'HOLD', userId: a, concertId, fingerprint: 'f9' })).toMatchObject({ rule: 'HOLD_BURST' });
    expect(await attempt({ action: 'HOLD', userId: unique('u'), concertId, fingerprint: 'f9' })).toBe('OK');
  });
});

describe('DUPLICATE_REQUEST', () => {
  it('refuses the same user + show + seats inside 300 s and lets it pass after', async () => {
    const { attempt, clock } = abuseHarness();
    const userId = unique('u');
    const concertId = unique('c');
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'same' })).toBe('OK');
    clock.advance(299);
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'same' })).toEqual(expect.objectContaining({ code: 'ABUSE_BLOCKED', rule: 'DUPLICATE_REQUEST', retryAfter: 1 }));
    clock.advance(1);
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'same' })).toBe('OK');
  });

  it('lets replays under the same Idempotency-Key through uncounted, and refuses a key cycled through bodies', async () => {
    const { attempt, clock } = abuseHarness();
    const userId = unique('u');
    const concertId = unique('c');
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'body-1', idempotencyKey: 'k1' })).toBe('OK');
    // Five replays in a second: not new attempts, so HOLD_BURST does not count them.
    for (let i = 0; i < 5; i++) expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'body-1', idempotencyKey: 'k1' })).toBe('OK');
    clock.advance(20);
    // A second body under the key goes on to the idempotency layer (409 IDEMPOTENCY_CONFLICT there); a third is refused.
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'body-2', idempotencyKey: 'k1' })).toBe('OK');
    clock.advance(10);
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'body-3', idempotencyKey: 'k1' })).toMatchObject({ rule: 'DUPLICATE_REQUEST', retryAfter: 270 });
    // The key forgets body-1 300 s after it was first sent.
    clock.advance(270);
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'body-3', idempotencyKey: 'k1' })).toBe('OK');
  });

  it('refuses a pay whose Idempotency-Key was cycled through bodies', async () => {
    const { attempt } = abuseHarness();
    const userId = unique('u');
    expect(await attempt({ action: 'PAY', userId, fingerprint: 'pay-a', idempotencyKey: 'pk' })).toBe('OK');
    expect(await attempt({ action: 'PAY', userId, fingerprint: 'pay-b', idempotencyKey: 'pk' })).toBe('OK');
    expect(await attempt({ action: 'PAY', userId, fingerprint: 'pay-c', idempotencyKey: 'pk' })).toMatchObject({ code: 'ABUSE_BLOCKED', rule: 'DUPLICATE_REQUEST' });
  });
});

describe('SHARED_DEVICE', () => {
  it('refuses a device another account used inside 600 s and lets it pass after', async () => {
    const { attempt, clock } = abuseHarness();
    const concertId = unique('c');
    const deviceId = unique('d');
    const [a, b] = [unique('a'), unique('b')];
    expect(await attempt({ action: 'HOLD', userId: a, concertId, deviceId, fingerprint: 'x' })).toBe('OK');
    clock.advance(599);
    expect(await attempt({ action: 'HOLD', userId: b, concertId, deviceId, fingerprint: 'y' })).toEqual(expect.objectContaining({ code: 'ABUSE_BLOCKED', rule: 'SHARED_DEVICE', retryAfter: 1 }));
    clock.advance(1);
    expect(await attempt({ action: 'HOLD', userId: b, concertId, deviceId, fingerprint: 'y' })).toBe('OK');
  });

  it('puts at most the configured number of accounts from one device in a line; a known account rejoins', async () => {
    const { attempt } = abuseHarness({ deviceInLine: { maxAccounts: 2 } });
    const concertId = unique('c');
    const deviceId = unique('d');
    const users = [unique('a'), unique('b'), unique('c')];
    expect(await attempt({ action: 'JOIN', userId: users[0], concertId, deviceId })).toBe('OK');
    expect(await attempt({ action: 'JOIN', userId: users[1], concertId, deviceId })).toBe('OK');
    expect(await attempt({ action: 'JOIN', userId: users[2], concertId, deviceId })).toMatchObject({ code: 'ABUSE_BLOCKED', rule: 'SHARED_DEVICE' });
    expect(await attempt({ action: 'JOIN', userId: users[0], concertId, deviceId })).toBe('OK');
  });
});

describe('UNPAID_HOLDS', () => {
  it('refuses a hold while the user has the allowed number of unpaid holds, until one ends', async () => {
    const { attempt, abuse: _abuse, clock } = abuseHarness({ unpaidHolds: { max: 2 }, holdBurst: { maxAttempts: 100 } });
    const userId = unique('u');
    const concertId = unique('c');
    const started = (reservationId: string) => async (_: string, state: Parameters<NonNullable<Parameters<typeof attempt>[1]>>[1]) =>
      state.holdStarted(concertId, userId, reservationId, clock.now().getTime() + 300_000);
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'a' }, started('r1'))).toBe('OK');
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'b' }, started('r2'))).toBe('OK');
    clock.advance(100);
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'c' })).toEqual(expect.objectContaining({ code: 'ABUSE_BLOCKED', rule: 'UNPAID_HOLDS', retryAfter: 200 }));
    clock.advance(200);
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'c' })).toBe('OK');
  });
});

describe('rate limits', () => {
  it('answers RATE_LIMITED per user with the seconds until the next request would pass', async () => {
    const { attempt, clock } = abuseHarness({ rateLimits: { join: { user: { limit: 2, periodSeconds: 10 } } } });
    const userId = unique('u');
    const concertId = unique('c');
    expect(await attempt({ action: 'JOIN', userId, concertId })).toBe('OK');
    expect(await attempt({ action: 'JOIN', userId, concertId })).toBe('OK');
    // A burst of 2, then one every 5 s.
    expect(await attempt({ action: 'JOIN', userId, concertId })).toEqual(expect.objectContaining({ code: 'RATE_LIMITED', rule: 'RATE_LIMIT_USER', retryAfter: 5 }));
    clock.advance(4);
    expect(await attempt({ action: 'JOIN', userId, concertId })).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    clock.advance(1);
    expect(await attempt({ action: 'JOIN', userId, concertId })).toBe('OK');
    expect(await attempt({ action: 'JOIN', userId: unique('other'), concertId })).toBe('OK');
  });

  it('answers RATE_LIMITED per address across users, for sign-in', async () => {
    const { attempt, clock } = abuseHarness({ rateLimits: { auth: { address: { limit: 3, periodSeconds: 60 } } } });
    const clientAddress = unique('addr');
    for (let i = 0; i < 3; i++) expect(await attempt({ action: 'SIGN_IN', clientAddress })).toBe('OK');
    expect(await attempt({ action: 'SIGN_IN', clientAddress })).toEqual(expect.objectContaining({ code: 'RATE_LIMITED', rule: 'RATE_LIMIT_ADDRESS', retryAfter: 20 }));
    expect(await attempt({ action: 'SIGN_IN', clientAddress: unique('addr') })).toBe('OK');
    clock.advance(20);
    expect(await attempt({ action: 'SIGN_IN', clientAddress })).toBe('OK');
  });

  it('follows an ADMIN override of a concert limit at runtime', async () => {
    const { attempt, abuse } = abuseHarness();
    const concertId = unique('c');
    await abuse.setLimits(concertId, { join: { user: { limit: 1, periodSeconds: 60 } } });
    expect(await abuse.limits(concertId)).toEqual({ join: { user: { limit: 1, periodSeconds: 60 } } });
    const userId = unique('u');
    expect(await attempt({ action: 'JOIN', userId, concertId })).toBe('OK');
    expect(await attempt({ action: 'JOIN', userId, concertId })).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 60 });
    expect(await attempt({ action: 'JOIN', userId, concertId: unique('c') })).toBe('OK');
  });
});

describe('join challenge', () => {
  it('refuses a join without a solved challenge, passes a solved one once, refuses its replay', async () => {
    const { attempt, abuse } = abuseHarness({}, { difficulty: 8 });
    const userId = unique('u');
    const concertId = unique('c');
    const missing = await attempt({ action: 'JOIN', userId, concertId });
    expect(missing).toMatchObject({ code: 'CHALLENGE_REQUIRED', rule: 'CHALLENGE', details: { challenge: { difficulty: 8 } } });
    const challenge = await abuse.issueChallenge(concertId, userId);
    expect(challenge).toEqual({ challengeId: expect.any(String), salt: expect.stringMatching(/^[0-9a-f]{32}$/), difficulty: 8, expiresAt: expect.any(String) });
    const header = `${challenge.challengeId}:${solve(challenge.salt, 8)}`;
    expect(await attempt({ action: 'JOIN', userId, concertId, challengeHeader: header })).toBe('OK');
    expect(await attempt({ action: 'JOIN', userId, concertId, challengeHeader: header })).toMatchObject({ code: 'CHALLENGE_REQUIRED' });
  });

  it('refuses a wrong nonce, and a challenge issued to another user', async () => {
    const { attempt, abuse } = abuseHarness({}, { difficulty: 12 });
    const concertId = unique('c');
    const [a, b] = [unique('a'), unique('b')];
    const c1 = await abuse.issueChallenge(concertId, a);
    const wrong = [...Array(50).keys()].map(String).find((n) => !solves(c1.salt, n, 12)) as string;
    expect(await attempt({ action: 'JOIN', userId: a, concertId, challengeHeader: `${c1.challengeId}:${wrong}` })).toMatchObject({ code: 'CHALLENGE_REQUIRED' });
    const c2 = await abuse.issueChallenge(concertId, a);
    expect(await attempt({ action: 'JOIN', userId: b, concertId, challengeHeader: `${c2.challengeId}:${solve(c2.salt, 12)}` })).toMatchObject({ code: 'CHALLENGE_REQUIRED' });
  });
});

describe('ADMIN blocks', () => {
  it('refuses a blocked user at join and hold with ABUSE_BLOCKED, a blocked device too, until unblocked', async () => {
    const { attempt, abuse } = abuseHarness();
    const concertId = unique('c');
    const userId = unique('u');
    const deviceId = unique('d');
    await abuse.block(concertId, 'admin-1', { userId, reason: 'scalper' });
    await abuse.block(concertId, 'admin-1', { deviceId, reason: 'bot farm' });
    expect(await attempt({ action: 'JOIN', userId, concertId })).toEqual(expect.objectContaining({ code: 'ABUSE_BLOCKED', rule: 'BLOCKED', retryAfter: 3600 }));
    expect(await attempt({ action: 'HOLD', userId, concertId, fingerprint: 'f' })).toMatchObject({ code: 'ABUSE_BLOCKED', rule: 'BLOCKED' });
    expect(await attempt({ action: 'JOIN', userId: unique('other'), concertId, deviceId })).toMatchObject({ rule: 'BLOCKED' });
    expect(await attempt({ action: 'JOIN', userId, concertId: unique('c') })).toBe('OK');
    expect((await abuse.blocks(concertId)).map((b) => b.userId ?? b.deviceId).sort()).toEqual([deviceId, userId].sort());
    await abuse.unblock(concertId, { userId });
    expect(await attempt({ action: 'JOIN', userId, concertId })).toBe('OK');
    await expect(abuse.unblock(concertId, { userId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
