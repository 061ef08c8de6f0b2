import { useState } from 'preact/hooks';
import { api, ok } from '../api/client';
import { isLocalStage } from '../api/config';
import { humanError } from '../api/errors';
import { adopt, cookieMode } from '../api/session';
import type { SessionPair } from '../api/types';
import { t, useLang } from '../i18n/i18n';
import { go } from '../ui/router';
import { say } from '../ui/toast';

type Provider = 'kakao' | 'naver';
const PENDING_KEY = 'ticketrush.oauth';
const redirectUri = (provider: Provider) => `${location.origin}/?oauth=${provider}`;
/** Only in-app hash routes are accepted as a return target (no open redirect through the sign-in page). */
const safeReturn = (target: string | null | undefined) => (target && /^#\/[^\s]*$/.test(target) && !target.startsWith('#/sign-in') ? target : '#/');

async function startSocial(provider: Provider, returnTo: string) {
  const state = crypto.randomUUID();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, returnTo: safeReturn(returnTo) }));
  const { url } = await ok<{ url: string }>(
    api().GET('/v1/auth/social/{provider}/authorize-url', { params: { path: { provider }, query: { redirectUri: redirectUri(provider), state } } }),
  );
  location.href = url;
}

/** After the provider redirects back (`/?oauth=kakao&code=…&state=…`): exchange the code, go back where the fan was. */
export async function completeSocialSignIn(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const provider = params.get('oauth') as Provider | null;
  const code = params.get('code');
  if (!provider || !code) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `/${pending ? safeReturn(pending.returnTo) : '#/'}`);
  if (!pending || params.get('state') !== pending.state) return say(t('signIn.stateMismatch'), 'error');
  try {
    adopt(
      await ok<SessionPair>(
        api().POST('/v1/auth/social/{provider}/exchange', {
          params: { path: { provider } },
          headers: cookieMode,
          body: { code, state: pending.state, redirectUri: redirectUri(provider) },
        }),
      ),
    );
  } catch (e) {
    say(humanError(e), 'error');
  }
}

export function SignIn({ returnTo }: { returnTo: string }) {
  useLang();
  const [busy, setBusy] = useState(false);
  const social = (provider: Provider) => async () => {
    setBusy(true);
    try {
      await startSocial(provider, returnTo);
    } catch (e) {
      setBusy(false);
      say(humanError(e), 'error');
    }
  };
  const devSignIn = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const body = { nickname: String(form.get('nickname')), tier: form.get('tier') as 'BASIC', role: form.get('role') as 'USER' };
      adopt(await ok<SessionPair>(api().POST('/v1/auth/dev/sign-in', { headers: cookieMode, body })));
      go(safeReturn(returnTo));
    } catch (err) {
      say(humanError(err), 'error');
    }
  };
  return (
    <section class="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <div class="social">
        <button type="button" class="kakao" disabled={busy} onClick={social('kakao')} data-testid="kakao">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path fill="currentColor" d="M12 3C6.5 3 2 6.6 2 11c0 2.8 1.9 5.3 4.7 6.7l-1 3.6c-.1.3.3.6.6.4l4.3-2.8c.5.1.9.1 1.4.1 5.5 0 10-3.6 10-8S17.5 3 12 3z" />
          </svg>
          {t('signIn.kakao')}
        </button>
        <button type="button" class="naver" disabled={busy} onClick={social('naver')} data-testid="naver">
          <span class="naver-mark" aria-hidden="true">
            <svg viewBox="0 0 20 20" width="16" height="16">
              <path fill="#fff" d="M13.6 10.7 6.2 0H0v20h6.4V9.3L13.8 20H20V0h-6.4z" />
            </svg>
          </span>
          {t('signIn.naver')}
        </button>
      </div>
      {isLocalStage() && (
        <form class="panel dev" onSubmit={devSignIn} data-testid="dev-sign-in">
          <h2>{t('signIn.dev')}</h2>
          <div class="row wrap">
            <label>
              {t('signIn.nickname')}
              <input name="nickname" required maxLength={40} autocomplete="nickname" />
            </label>
            <label>
              {t('signIn.tier')}
              <select name="tier">
                {['BASIC', 'SILVER', 'GOLD', 'VIP'].map((tier) => (
                  <option key={tier}>{tier}</option>
                ))}
              </select>
            </label>
            <label>
              {t('signIn.role')}
              <select name="role">
                <option>USER</option>
                <option>ADMIN</option>
              </select>
            </label>
            <button type="submit">{t('signIn.submit')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
