import { randomBytes } from 'node:crypto';
import { generateKeySetJson, publicKeySetOf } from '../functions/adapters/jwt/key-set';
import { startOAuthFake } from './oauth-fake/index';

/**
 * Secrets the local stage generates at start, as the stand-in value variables of their needs
 * (lib/capabilities/needs.ts `localValueEnv`; AWS reads them from Secrets Manager by ARN): the webhook signing
 * secret and the ES256 JWT key set with its public half. The local cloud shows each to the functions whose needs
 * own it, so a verify-only function never sees the private set. A value already in the environment wins, so a fixed secret can be pinned from the shell
 * (a second local cloud in one process keeps the first one's keys, so tokens stay valid across restarts).
 */
export async function localSecrets(): Promise<Record<string, string>> {
  const keys = process.env.JWT_KEYS_JSON ?? (await generateKeySetJson());
  return {
    WEBHOOK_SECRET: process.env.WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
    JWT_KEYS_JSON: keys,
    JWT_PUBLIC_KEYS_JSON: JSON.stringify(publicKeySetOf(JSON.parse(keys) as { keys: object[] })),
  };
}

export interface LocalIdentityProviders {
  /** KAKAO_* and NAVER_* pointing the auth handlers at the fake providers. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Kakao and Naver Login stand-ins on a free loopback port (local/oauth-fake), so social sign-in works offline. */
export async function startLocalIdentityProviders(): Promise<LocalIdentityProviders> {
  const fake = await startOAuthFake({ port: 0 });
  return { env: fake.env, stop: () => fake.stop() };
}
