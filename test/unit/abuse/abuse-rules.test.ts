import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { abuseConfig, abuseConfigOverrides, DEFAULT_ABUSE_CONFIG } from '#domain/abuse/config';
import { leadingZeroBits, parseChallengeHeader } from '#domain/abuse/proof-of-work';
import { solve, solves } from '#domain/abuse/proof-of-work-sha256';
import { concertOfAdmissionToken, deviceIdOf, hashAddress, holdFingerprint } from '#domain/abuse/request-facts';
import { planFor, retryAfterSeconds, type AttemptFacts } from '#domain/abuse/rules';
import { stageAbuseConfig } from '#composition/abuse';

const facts = (f: Partial<AttemptFacts> & Pick<AttemptFacts, 'action'>): AttemptFacts => ({ requestId: 'r1', clientAddress: 'a1', ...f });

describe('proof of work', () => {
  it('counts leading zero bits from the most significant bit of the first byte', () => {
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00, 0x10]))).toBe(19);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
  });

  it('hashes the UTF-8 text salt + nonce, and a found nonce solves exactly its difficulty or more', () => {
    const salt = '00112233445566778899aabbccddeeff';
    const nonce = solve(salt, 12);
    const digest = createHash('sha256').update(`${salt}${nonce}`).digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(12);
    expect(solves(salt, nonce, 12)).toBe(true);
    expect(solves(salt, nonce, leadingZeroBits(digest) + 1)).toBe(false);
    expect(solves(salt, 'not allowed!', 0)).toBe(false);
  });

  it('reads X-Queue-Challenge as <challengeId>:<nonce> and nothing else', () => {
    expect(parseChallengeHeader('01ABC:12345')).toEqual({ challengeId: '01ABC', nonce: '12345' });
    for (const bad of [undefined, '', ':1', '01ABC:', '01ABC', 'a b:1', '01ABC:1:2']) expect(parseChallengeHeader(bad), String(bad)).toBeUndefined();
  });
});

describe('abuse config', () => {
  it('has the defaults api.md names', () => {
    expect(DEFAULT_ABUSE_CONFIG).toMatchObject({ holdBurst: { maxAttempts: 3, windowSeconds: 10 }, duplicateRequest: { windowSeconds: 300 }, sharedDevice: { windowSeconds: 600 } });
  });

  it('merges a stage override into the defaults, field by field', () => {
    const cfg = abuseConfig({ holdBurst: { maxAttempts: 5 }, rateLimits: { join: { address: { limit: 9, periodSeconds: 1 } } } });
    expect(cfg.holdBurst).toEqual({ maxAttempts: 5, windowSeconds: 10 });
    expect(cfg.rateLimits.join).toEqual({ user: DEFAULT_ABUSE_CONFIG.rateLimits.join.user, address: { limit: 9, periodSeconds: 1 } });
    expect(cfg.rateLimits.hold).toEqual(DEFAULT_ABUSE_CONFIG.rateLimits.hold);
  });

  it('fails fast naming ABUSE_CONFIG when it is not JSON or not valid, and ABUSE_RULES=off switches everything off', () => {
    expect(() => stageAbuseConfig({ ABUSE_CONFIG: '{', ABUSE_RULES: 'on' })).toThrow(/ABUSE_CONFIG/);
    expect(() => stageAbuseConfig({ ABUSE_CONFIG: '{"holdBurst":{"maxAttempts":0}}', ABUSE_RULES: 'on' })).toThrow(/ABUSE_CONFIG: holdBurst.maxAttempts/);
    expect(abuseConfigOverrides.safeParse({ unknown: 1 }).success).toBe(false);
    expect(stageAbuseConfig({ ABUSE_CONFIG: '{}', ABUSE_RULES: 'off' }).enabled).toBe(false);
  });
});

describe('which rules look at which action', () => {
  const cfg = abuseConfig();
  const rulesOf = (f: AttemptFacts) => planFor(cfg, f).checks.map((c) => c.rule);

  it('a hold in a concert: block, limits, duplicate, burst, device, unpaid holds — in the concert’s slot', () => {
    const plan = planFor(cfg, facts({ action: 'HOLD', userId: 'u', concertId: 'c', deviceId: 'd', fingerprint: 'f', idempotencyKey: 'k' }));
    expect(plan.scope).toBe('c');
    expect(plan.checks.map((c) => c.rule)).toEqual(['BLOCKED', 'BLOCKED', 'RATE_LIMIT_USER', 'RATE_LIMIT_ADDRESS', 'DUPLICATE_REQUEST', 'DUPLICATE_REQUEST', 'HOLD_BURST', 'SHARED_DEVICE', 'UNPAID_HOLDS']);
  });

  it('a hold without a readable concert runs only the per-user rules, in the user’s slot', () => {
    const plan = planFor(cfg, facts({ action: 'HOLD', userId: 'u', fingerprint: 'f' }));
    expect(plan.scope).toBe('u:u');
    expect(plan.checks.map((c) => c.rule)).toEqual(['RATE_LIMIT_USER', 'RATE_LIMIT_ADDRESS', 'HOLD_BURST']);
  });

  it('a join: block, limits, device in line, and the challenge only when one is asked for', () => {
    expect(rulesOf(facts({ action: 'JOIN', userId: 'u', concertId: 'c', deviceId: 'd' }))).toEqual(['BLOCKED', 'BLOCKED', 'RATE_LIMIT_USER', 'RATE_LIMIT_ADDRESS', 'SHARED_DEVICE']);
    expect(rulesOf(facts({ action: 'JOIN', userId: 'u', concertId: 'c', challengeId: '' }))).toEqual(['BLOCKED', 'RATE_LIMIT_USER', 'RATE_LIMIT_ADDRESS', 'CHALLENGE']);
  });

  it('sign-in and refresh: the per-address limit only, in the address’s slot', () => {
    const plan = planFor(cfg, facts({ action: 'SIGN_IN' }));
    expect(plan).toEqual({ scope: 'a:a1', checks: [expect.objectContaining({ kind: 'RATE', rule: 'RATE_LIMIT_ADDRESS', limit: 60, periodMs: 60_000 })] });
  });

  it('pay checks limits and a cycled Idempotency-Key; cancel only limits', () => {
    expect(rulesOf(facts({ action: 'PAY', userId: 'u', fingerprint: 'f', idempotencyKey: 'k' }))).toEqual(['RATE_LIMIT_USER', 'RATE_LIMIT_ADDRESS', 'DUPLICATE_REQUEST']);
    expect(rulesOf(facts({ action: 'CANCEL', userId: 'u' }))).toEqual(['RATE_LIMIT_USER', 'RATE_LIMIT_ADDRESS']);
  });

  it('rounds Retry-After up to whole seconds, never below 1', () => {
    expect([0, 1, 999, 1000, 1001].map(retryAfterSeconds)).toEqual([1, 1, 1, 1, 2]);
  });
});

describe('request facts', () => {
  it('reads the concert from an admission token without trusting it, and ignores anything unreadable', () => {
    const token = (payload: unknown) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
    expect(concertOfAdmissionToken(token({ cid: 'c-1', sub: 'u' }))).toBe('c-1');
    for (const bad of [undefined, 'x', 'a.!!!.b', token({ cid: 7 }), token({ cid: 'a b' })]) expect(concertOfAdmissionToken(bad)).toBeUndefined();
  });

  it('fingerprints a hold by user, show and seats in any order', () => {
    expect(holdFingerprint('u', 's', ['A-1-2', 'A-1-1'])).toBe(holdFingerprint('u', 's', ['A-1-1', 'A-1-2']));
    expect(holdFingerprint('u', 's', ['A-1-1'])).not.toBe(holdFingerprint('v', 's', ['A-1-1']));
  });

  it('hashes addresses with a key and takes only plausible device ids', () => {
    expect(hashAddress('1.2.3.4', 'k1')).toMatch(/^[0-9a-f]{24}$/);
    expect(hashAddress('1.2.3.4', 'k1')).not.toBe(hashAddress('1.2.3.4', 'k2'));
    expect(deviceIdOf('dev-123')).toBe('dev-123');
    expect(deviceIdOf('has space')).toBeUndefined();
    expect(deviceIdOf('x'.repeat(129))).toBeUndefined();
  });
});
