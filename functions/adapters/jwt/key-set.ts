import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTVerifyGetKey } from 'jose';
import { config, ConfigError } from '#platform/config';

/**
 * The ES256 signing key set. Stored as JSON `{ activeKid, keys: [private JWK with kid] }`: locally in
 * JWT_KEYS_JSON (generated at start), in AWS in the Secrets Manager secret JWT_KEYS_SECRET_ARN. Several keys
 * let a rotation keep verifying tokens signed by the previous key until they expire.
 */
export interface KeySetJson {
  activeKid: string;
  keys: JWK[];
}

export interface KeySet {
  kid: string;
  signingKey: CryptoKey;
  verificationKeys: JWTVerifyGetKey;
}

export const JWT_ALGORITHM = 'ES256';

/** A fresh private ES256 signing key as a JWK carrying `kid`. */
export async function generateSigningJwk(kid: string): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair(JWT_ALGORITHM, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: JWT_ALGORITHM, use: 'sig' };
}

export async function generateKeySetJson(kid = `k${Date.now().toString(36)}`): Promise<string> {
  return JSON.stringify({ activeKid: kid, keys: [await generateSigningJwk(kid)] } satisfies KeySetJson);
}

export async function keySetFromJson(json: string): Promise<KeySet> {
  const parsed = JSON.parse(json) as KeySetJson;
  const active = parsed.keys.find((k) => k.kid === parsed.activeKid);
  if (!active) throw new ConfigError(`JWT key set has no key with the active kid ${parsed.activeKid}`);
  const publicKeys = parsed.keys.map(({ d: _private, ...pub }) => ({ ...pub, alg: JWT_ALGORITHM }));
  return {
    kid: parsed.activeKid,
    signingKey: (await importJWK({ ...active, alg: JWT_ALGORITHM }, JWT_ALGORITHM)) as CryptoKey,
    verificationKeys: createLocalJWKSet({ keys: publicKeys }),
  };
}

/**
 * How long a process keeps its copy of the key set. A rotation activates a new key only after the access-token
 * lifetime (workers/rotate-jwt-keys.ts), which must exceed this, so every verifier knows a key before it signs.
 */
export const KEY_SET_RELOAD_SECONDS = 5 * 60;

let cached: Promise<KeySet> | undefined;
let loadedAt = 0;

/** Loaded on cold start and again once KEY_SET_RELOAD_SECONDS have passed. */
export function loadKeySet(): Promise<KeySet> {
  if (cached && Date.now() - loadedAt > KEY_SET_RELOAD_SECONDS * 1000) cached = undefined;
  if (!cached) loadedAt = Date.now();
  cached ??= (async () => {
    const { JWT_KEYS_JSON, JWT_KEYS_SECRET_ARN } = config('JWT_KEYS_JSON', 'JWT_KEYS_SECRET_ARN');
    if (JWT_KEYS_JSON) return keySetFromJson(JWT_KEYS_JSON);
    if (!JWT_KEYS_SECRET_ARN) throw new ConfigError('Set JWT_KEYS_JSON or JWT_KEYS_SECRET_ARN');
    const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: JWT_KEYS_SECRET_ARN }));
    if (!secret.SecretString) throw new ConfigError('JWT_KEYS_SECRET_ARN holds no SecretString');
    return keySetFromJson(secret.SecretString);
  })().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

/** For tests that swap key sets. */
export function resetKeySetCache(): void {
  cached = undefined;
}
