import type { Role, Tier } from '../identity';

/** Where an account came from: a social provider, or the local-only dev sign-in. */
export const SOCIAL_PROVIDERS = ['kakao', 'naver'] as const;
export type SocialProvider = (typeof SOCIAL_PROVIDERS)[number];
export const DEV_PROVIDER = 'dev';
export type IdentityProvider = SocialProvider | typeof DEV_PROVIDER;

export interface User {
  userId: string;
  nickname: string;
  role: Role;
  tier: Tier;
  providers: IdentityProvider[];
  createdAt: string;
}

/** The user as clients see it (`GET /v1/auth/me` and the `user` of a token pair). */
export interface UserView {
  id: string;
  nickname: string;
  role: Role;
  tier: Tier;
  providers: IdentityProvider[];
}

export const toUserView = (u: User): UserView => ({ id: u.userId, nickname: u.nickname, role: u.role, tier: u.tier, providers: u.providers });

export const NICKNAME_MAX_LENGTH = 30;

/**
 * Dev sign-in keys users by nickname, so equal-looking nicknames must be equal strings: trim and NFC-normalise
 * (Hangul typed on different keyboards can arrive composed or decomposed).
 */
export const normalizeNickname = (nickname: string): string => nickname.normalize('NFC').trim();

/** A new social user's nickname: the provider's, cut to our limit, or a stable fallback from the account id. */
export function nicknameForSocialUser(provider: SocialProvider, providerUserId: string, providerNickname: string | undefined): string {
  const fromProvider = providerNickname ? [...normalizeNickname(providerNickname)].slice(0, NICKNAME_MAX_LENGTH).join('') : '';
  return fromProvider || `${provider}-${providerUserId.slice(-8)}`;
}
