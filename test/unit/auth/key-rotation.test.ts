import { beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { ACCESS_TOKEN_TTL_SECONDS } from '#domain/auth/tokens';
import { nextRotationStep } from '#domain/auth/key-rotation';
import { generateKeySetJson, generateSigningJwk, KEY_SET_RELOAD_SECONDS, resetKeySetCache } from '#adapters/jwt/key-set';
import { InvalidTokenError, signJwt, verifyJwt } from '#adapters/jwt/jwt';
import { ManualClock } from '#platform/clock';
import { resetConfigCache } from '#platform/config';
import { rotateSigningKeys, type RotatableKeySet, type SigningKeyStore } from '#services/auth/rotate-signing-keys';
import { rotationPolicy } from '../../../functions/workers/rotate-jwt-keys';

const audience = 'ticketrush-api';

/** The stored secret as a string, as Secrets Manager keeps it; `publish` is a process (re)loading it. */
class StoredKeySet implements SigningKeyStore {
  constructor(public json: string) {}
  async read() {
    return JSON.parse(this.json) as RotatableKeySet;
  }
  async write(keySet: RotatableKeySet) {
    this.json = JSON.stringify(keySet);
  }
  publish() {
    process.env.JWT_KEYS_JSON = this.json;
    resetConfigCache();
    resetKeySetCache();
  }
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'valid',
    (e: unknown) => (e instanceof InvalidTokenError ? e.reason : `other: ${String(e)}`),
  );

beforeAll(() => {
  process.env.JWT_ISSUER = 'https://issuer.test';
  resetConfigCache();
});

describe('JWT signing-key rotation', () => {
  it('waits longer than a process keeps the key set before activating, and retires after the longest token', () => {
    expect(rotationPolicy.activateAfterSeconds).toBeGreaterThanOrEqual(ACCESS_TOKEN_TTL_SECONDS);
    expect(rotationPolicy.activateAfterSeconds).toBeGreaterThan(KEY_SET_RELOAD_SECONDS);
    expect(rotationPolicy.retireAfterSeconds).toBeGreaterThan(3_600);
    const now = new Date('2027-01-01T00:00:00Z');
    const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
    expect(nextRotationStep({ activeSince: ago(10) }, now, rotationPolicy)).toEqual({ step: 'NONE' });
    expect(nextRotationStep({}, now, rotationPolicy)).toEqual({ step: 'ADD' });
    expect(nextRotationStep({ pending: { kid: 'b', since: ago(rotationPolicy.activateAfterSeconds - 1) } }, now, rotationPolicy)).toEqual({ step: 'NONE' });
    expect(nextRotationStep({ pending: { kid: 'b', since: ago(rotationPolicy.activateAfterSeconds) } }, now, rotationPolicy)).toEqual({ step: 'ACTIVATE', kid: 'b' });
    expect(nextRotationStep({ retiring: { kid: 'a', since: ago(rotationPolicy.retireAfterSeconds) } }, now, rotationPolicy)).toEqual({ step: 'RETIRE', kid: 'a' });
  });

  it('adds a key, switches activeKid after the access-token lifetime, retires the old one; old tokens stay valid until they expire', async () => {
    const clock = new ManualClock(new Date('2027-01-01T00:00:00Z'));
    const store = new StoredKeySet(await generateKeySetJson('k-old'));
    const ports = { store, newKey: generateSigningJwk, clock };
    const at = (c: ManualClock) => ({ now: c.now() });
    store.publish();

    // 1. The first run finds no rotation state: it adds a key, which verifies but does not sign yet.
    expect(await rotateSigningKeys(ports, rotationPolicy)).toEqual({ step: 'ADD' });
    store.publish();
    const early = await signJwt({ role: 'USER' }, { audience, subject: 'u1', ttlSeconds: ACCESS_TOKEN_TTL_SECONDS, ...at(clock) });
    expect(decodeProtectedHeader(early.token).kid).toBe('k-old');
    const newKid = (await store.read()).rotation?.pending?.kid;
    expect((await store.read()).keys.map((k) => k.kid)).toEqual(['k-old', newKid]);

    // Not before the access-token lifetime has passed.
    clock.advance(rotationPolicy.activateAfterSeconds - 2);
    expect(await rotateSigningKeys(ports, rotationPolicy)).toEqual({ step: 'NONE' });
    const lastOld = await signJwt({ role: 'USER' }, { audience, subject: 'u2', ttlSeconds: ACCESS_TOKEN_TTL_SECONDS, ...at(clock) });

    // 2. Activation: new tokens carry the new kid; the old key still verifies.
    clock.advance(2);
    expect(await rotateSigningKeys(ports, rotationPolicy)).toEqual({ step: 'ACTIVATE', kid: newKid });
    store.publish();
    const fresh = await signJwt({ role: 'USER' }, { audience, subject: 'u3', ttlSeconds: ACCESS_TOKEN_TTL_SECONDS, ...at(clock) });
    expect(decodeProtectedHeader(fresh.token).kid).toBe(newKid);
    expect(await outcome(verifyJwt(lastOld.token, { audience, ...at(clock) }))).toBe('valid');
    expect(await outcome(verifyJwt(fresh.token, { audience, ...at(clock) }))).toBe('valid');

    // The last token signed by the old key verifies until its own expiry, then as expired.
    clock.advance(ACCESS_TOKEN_TTL_SECONDS - 5);
    expect(await rotateSigningKeys(ports, rotationPolicy)).toEqual({ step: 'NONE' });
    expect(await outcome(verifyJwt(lastOld.token, { audience, ...at(clock) }))).toBe('valid');
    clock.advance(10);
    expect(await outcome(verifyJwt(lastOld.token, { audience, ...at(clock) }))).toBe('expired');

    // 3. Retirement once the longest-lived token signed by the old key has expired.
    clock.advance(rotationPolicy.retireAfterSeconds);
    expect(await rotateSigningKeys(ports, rotationPolicy)).toEqual({ step: 'RETIRE', kid: 'k-old' });
    store.publish();
    const stored = await store.read();
    expect([stored.activeKid, stored.keys.map((k) => k.kid)]).toEqual([newKid, [newKid]]);
    const later = await signJwt({ role: 'USER' }, { audience, subject: 'u4', ttlSeconds: ACCESS_TOKEN_TTL_SECONDS, ...at(clock) });
    expect(await outcome(verifyJwt(later.token, { audience, ...at(clock) }))).toBe('valid');
    // A token of the retired key is refused as invalid even inside a (forged) lifetime: its key is gone.
    expect(await outcome(verifyJwt(lastOld.token, { audience, now: new Date(lastOld.expiresAt * 1000 - 1000) }))).toBe('invalid');
    // And the next rotation is 30 days away.
    expect(await rotateSigningKeys(ports, rotationPolicy)).toEqual({ step: 'NONE' });
  });
});
