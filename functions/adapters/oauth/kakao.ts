import * as z from 'zod';
import { config } from '#platform/config';
import { oauthClients } from './client-settings';
import type { SocialLoginProvider } from '#services/auth/ports';
import {
  DEFAULT_PROVIDER_TIMEOUT_MS,
  callProvider,
  expectShape,
  formBody,
  oauthErrorReason,
  providerRejected,
  retryOnceIfUnavailable,
  withQuery,
  type ProviderOptions,
} from './provider-http';

/** Kakao Login (REST): kauth for the code flow, kapi for the profile. Base URLs are configuration. */
const tokenSchema = z.object({ access_token: z.string().min(1) });
const profileSchema = z.object({
  id: z.union([z.number(), z.string()]),
  properties: z.object({ nickname: z.string().optional() }).partial().optional(),
  kakao_account: z.object({ profile: z.object({ nickname: z.string().optional() }).partial().optional() }).partial().optional(),
});

const settings = async () => ({ ...config('KAKAO_AUTH_BASE_URL', 'KAKAO_API_BASE_URL'), KAKAO_CLIENT_ID: (await oauthClients()).kakaoClientId });

export function kakaoProvider({ timeoutMs = DEFAULT_PROVIDER_TIMEOUT_MS }: ProviderOptions = {}): SocialLoginProvider {
  return {
    name: 'kakao',

    async authorizeUrl({ redirectUri, state }) {
      const s = await settings();
      return withQuery(s.KAKAO_AUTH_BASE_URL, '/oauth/authorize', { response_type: 'code', client_id: s.KAKAO_CLIENT_ID, redirect_uri: redirectUri, state });
    },

    async exchange({ code, redirectUri }) {
      const s = await settings();
      const token = await callProvider(
        'kakao',
        withQuery(s.KAKAO_AUTH_BASE_URL, '/oauth/token', {}),
        formBody({ grant_type: 'authorization_code', client_id: s.KAKAO_CLIENT_ID, redirect_uri: redirectUri, code }),
        timeoutMs,
      );
      if (token.status !== 200) throw providerRejected('kakao', oauthErrorReason(token.body));
      const { access_token } = expectShape('kakao', tokenSchema, token.body, 'token');

      const profile = await retryOnceIfUnavailable(() =>
        callProvider('kakao', `${s.KAKAO_API_BASE_URL.replace(/\/+$/, '')}/v2/user/me`, { headers: { authorization: `Bearer ${access_token}`, accept: 'application/json' } }, timeoutMs),
      );
      if (profile.status !== 200) throw providerRejected('kakao', 'profile refused');
      const p = expectShape('kakao', profileSchema, profile.body, 'profile');
      return { provider: 'kakao', providerUserId: String(p.id), nickname: p.kakao_account?.profile?.nickname ?? p.properties?.nickname };
    },
  };
}
