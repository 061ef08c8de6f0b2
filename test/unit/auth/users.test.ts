import { describe, expect, it } from 'vitest';
import { NICKNAME_MAX_LENGTH, nicknameForSocialUser, normalizeNickname, toUserView } from '#domain/auth/users';

describe('nicknames', () => {
  it('makes composed and decomposed Hangul the same nickname', () => {
    const decomposed = '민지'.normalize('NFD');
    expect(decomposed).not.toBe('민지');
    expect(normalizeNickname(`  ${decomposed} `)).toBe('민지');
  });

  it('takes a social user’s nickname from the provider, cut to the limit by characters', () => {
    expect(nicknameForSocialUser('kakao', '12345', '하니')).toBe('하니');
    expect([...nicknameForSocialUser('naver', 'abc', '가'.repeat(50))]).toHaveLength(NICKNAME_MAX_LENGTH);
  });

  it('falls back to a name from the provider account when the provider gives none', () => {
    expect(nicknameForSocialUser('kakao', '1234567890', undefined)).toBe('kakao-34567890');
    expect(nicknameForSocialUser('naver', 'abc', '   ')).toBe('naver-abc');
  });
});

describe('the user view', () => {
  it('is the shape of GET /v1/auth/me', () => {
    expect(toUserView({ userId: 'u1', nickname: 'n', role: 'USER', tier: 'GOLD', providers: ['kakao'], createdAt: 'x' })).toEqual({
      id: 'u1',
      nickname: 'n',
      role: 'USER',
      tier: 'GOLD',
      providers: ['kakao'],
    });
  });
});
