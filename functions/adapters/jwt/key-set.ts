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

export async function generateKeySetJson(kid = `k${Date.now().toString(36)}`): Promise<string> {
  const { privateKey } = await generateKeyPair(JWT_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: JWT_ALGORITHM, use: 'sig' };
  return JSON.stringify({ activeKid: kid, keys: [jwk] } satisfies KeySetJson);
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

let cached: Promise<KeySet> | undefined;

/** Loaded once per cold start. */
export function loadKeySet(): Promise<KeySet> {
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
