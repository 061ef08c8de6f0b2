import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTVerifyGetKey } from 'jose';
import { config, ConfigError } from '#platform/config';
import { hasSecret, resetSecretCache, SECRET_CACHE_SECONDS, secretString } from '#platform/secrets';

/**
 * The ES256 signing key set, in two secrets: the private set `{ activeKid, keys: [private JWK with kid] }`
 * (JWT_KEYS_SECRET_ARN, read by signers only) and its public half `{ keys: [public JWK] }`
 * (JWT_PUBLIC_KEYS_SECRET_ARN, read by every verifier). Several keys let a rotation keep verifying tokens signed
 * by the previous key until they expire.
 */
export interface KeySetJson {
  activeKid: string;
  keys: JWK[];
}

export interface SigningKey {
  kid: string;
  signingKey: CryptoKey;
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

/** The public half of a key set: every key without its private part, which is all a verifier is given. */
export function publicKeySetOf(keySet: { keys: readonly object[] }): { keys: JWK[] } {
  return {
    keys: keySet.keys.map((key) => {
      const { d: _private, ...pub } = key as JWK;
      return { ...pub, alg: JWT_ALGORITHM };
    }),
  };
}

async function signingKeyFromJson(json: string): Promise<SigningKey> {
  const parsed = JSON.parse(json) as KeySetJson;
  const active = parsed.keys.find((k) => k.kid === parsed.activeKid);
  if (!active) throw new ConfigError(`JWT key set has no key with the active kid ${parsed.activeKid}`);
  return { kid: parsed.activeKid, signingKey: (await importJWK({ ...active, alg: JWT_ALGORITHM }, JWT_ALGORITHM)) as CryptoKey };
}

function verificationKeysFromJson(json: string): JWTVerifyGetKey {
  const parsed = JSON.parse(json) as { keys: JWK[] };
  return createLocalJWKSet(publicKeySetOf(parsed));
}

/**
 * How long a process keeps its copy of the key set. A rotation activates a new key only after the access-token
 * lifetime (workers/rotate-jwt-keys.ts), which must exceed this, so every verifier knows a key before it signs.
 */
export const KEY_SET_RELOAD_SECONDS = SECRET_CACHE_SECONDS;

/** Parses a secret's string once: the same string (cached by ../platform/secrets) gives the same imported keys. */
function memoByString<T>(parse: (json: string) => T | Promise<T>): (json: string) => Promise<T> {
  let last: { json: string; value: Promise<T> } | undefined;
  return (json) => {
    if (last?.json !== json) last = { json, value: Promise.resolve(parse(json)) };
    return last.value;
  };
}

const signingKeys = memoByString(signingKeyFromJson);
const verifiers = memoByString(verificationKeysFromJson);

/** The active private key: only functions with the `jwtKeys` need (they sign) can read it. */
export async function loadSigningKey(): Promise<SigningKey> {
  return signingKeys(await secretString('jwtKeys'));
}

/**
 * The public keys of the set: functions that only verify (`jwtVerify`) read the public set the rotation worker
 * writes beside the private one. A stand-in environment with only the private set derives it.
 */
export async function loadVerificationKeys(): Promise<JWTVerifyGetKey> {
  const { JWT_KEYS_JSON } = config('JWT_KEYS_JSON');
  const json = hasSecret('jwtPublicKeys') || !JWT_KEYS_JSON ? await secretString('jwtPublicKeys') : JSON.stringify(publicKeySetOf(JSON.parse(JWT_KEYS_JSON) as KeySetJson));
  return verifiers(json);
}

/** For tests that swap key sets. */
export function resetKeySetCache(): void {
  resetSecretCache();
}
