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

/**
 * Naver Login: nid for the code flow, openapi for the profile. Naver answers a refused code with HTTP 200 and an
 * `error` field, so success is decided by the body, not the status.
 */
const tokenSchema = z.object({ access_token: z.string().min(1) });
const profileSchema = z.object({
  resultcode: z.string(),
  response: z.object({ id: z.string().min(1), nickname: z.string().optional(), name: z.string().optional() }).optional(),
});

const settings = async () => {
  const clients = await oauthClients();
  return { ...config('NAVER_AUTH_BASE_URL', 'NAVER_API_BASE_URL'), NAVER_CLIENT_ID: clients.naverClientId, NAVER_CLIENT_SECRET: clients.naverClientSecret };
};

export function naverProvider({ timeoutMs = DEFAULT_PROVIDER_TIMEOUT_MS }: ProviderOptions = {}): SocialLoginProvider {
  return {
    name: 'naver',

    async authorizeUrl({ redirectUri, state }) {
      const s = await settings();
      return withQuery(s.NAVER_AUTH_BASE_URL, '/oauth2.0/authorize', { response_type: 'code', client_id: s.NAVER_CLIENT_ID, redirect_uri: redirectUri, state });
    },

    async exchange({ code, state }) {
      const s = await settings();
      const token = await callProvider(
        'naver',
        withQuery(s.NAVER_AUTH_BASE_URL, '/oauth2.0/token', {}),
        formBody({ grant_type: 'authorization_code', client_id: s.NAVER_CLIENT_ID, client_secret: s.NAVER_CLIENT_SECRET, code, state }),
        timeoutMs,
      );
      if (token.status !== 200 || (token.body as { error?: unknown } | null)?.error) throw providerRejected('naver', oauthErrorReason(token.body));
      const { access_token } = expectShape('naver', tokenSchema, token.body, 'token');

      const profile = await retryOnceIfUnavailable(() =>
        callProvider('naver', `${s.NAVER_API_BASE_URL.replace(/\/+$/, '')}/v1/nid/me`, { headers: { authorization: `Bearer ${access_token}`, accept: 'application/json' } }, timeoutMs),
      );
      if (profile.status !== 200) throw providerRejected('naver', 'profile refused');
      const p = expectShape('naver', profileSchema, profile.body, 'profile');
      if (p.resultcode !== '00' || !p.response) throw providerRejected('naver', 'profile refused');
      return { provider: 'naver', providerUserId: p.response.id, nickname: p.response.nickname ?? p.response.name };
    },
  };
}
