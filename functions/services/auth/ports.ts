import type { Role, Tier } from '#domain/identity';
import type { IdentityProvider, SocialProvider, User } from '#domain/auth/users';
import type { RefreshFamily, RefreshTokenRecord } from '#domain/auth/refresh-rotation';

/** What the auth services need from storage and providers; the composition root supplies the adapters. */
export interface UserStore {
  get(userId: string): Promise<User | undefined>;
  findUserIdByIdentity(provider: IdentityProvider, providerUserId: string): Promise<string | undefined>;
  /**
   * Creates the user and links the identity in one write. If a concurrent request linked the identity first,
   * nothing is written and the winner's user id is returned, so racing first logins end as one account.
   */
  createWithIdentity(user: User, identity: { provider: IdentityProvider; providerUserId: string }): Promise<string>;
  updateRoleAndTier(userId: string, role: Role, tier: Tier, now: Date): Promise<User>;
}

export interface RefreshTokenStore {
  startFamily(family: RefreshFamily, first: RefreshTokenRecord): Promise<void>;
  find(tokenHash: string): Promise<{ record?: RefreshTokenRecord; family?: RefreshFamily }>;
  /**
   * Spends `oldHash` and stores `next`. `spent`: the old token or its family was no longer ACTIVE; `busy`: a
   * concurrent transaction on the same items got in the way and nothing was written.
   */
  rotate(oldHash: string, next: RefreshTokenRecord, now: Date): Promise<'rotated' | 'spent' | 'busy'>;
  revokeFamily(familyId: string, reason: 'REUSE' | 'LOGOUT', now: Date): Promise<void>;
}

export interface AccessDenylist {
  deny(jti: string, userId: string, expiresAtEpochSeconds: number): Promise<void>;
  isDenied(jti: string): Promise<boolean>;
}

/** Signs and verifies access tokens (ES256 JWTs in production). */
export interface TokenCodec {
  sign(claims: Record<string, unknown>, o: { audience: string; subject: string; ttlSeconds: number; now: Date }): Promise<{ token: string; jti: string; expiresAt: number }>;
  /** The verified claims, or why the token was refused (bad signature, algorithm, issuer, audience, expiry). */
  verify(token: string, o: { audience: string; now: Date }): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; reason: 'expired' | 'invalid' }>;
}

export interface SocialProfile {
  provider: SocialProvider;
  providerUserId: string;
  nickname?: string;
}

export interface SocialLoginProvider {
  readonly name: SocialProvider;
  authorizeUrl(input: { redirectUri: string; state: string }): Promise<string>;
  /** Trades an authorization code for the provider account's profile; throws DomainError 401/503 on failure. */
  exchange(input: { code: string; state: string; redirectUri: string }): Promise<SocialProfile>;
}
