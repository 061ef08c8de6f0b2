import { randomBytes } from 'node:crypto';
import { generateKeySetJson } from '../functions/adapters/jwt/key-set';
import { startOAuthFake } from './oauth-fake/index';

/**
 * Secrets the local stage generates at start (AWS reads them from Secrets Manager): the webhook signing secret and
 * the ES256 JWT key set. A value already in the environment wins, so a fixed secret can be pinned from the shell
 * (a second local cloud in one process keeps the first one's keys, so tokens stay valid across restarts).
 */
export async function localSecrets(): Promise<Record<string, string>> {
  return {
    WEBHOOK_SECRET: process.env.WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
    JWT_KEYS_JSON: process.env.JWT_KEYS_JSON ?? (await generateKeySetJson()),
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
