import { store } from '../ui/store';
import { config } from './config';
import type { SessionPair, UserView } from './types';

/**
 * The session, designed so an injected script cannot steal a long-lived credential:
 * - the refresh token lives only in an `HttpOnly; Secure; SameSite=Strict` cookie scoped to `/v1/auth` (the server
 *   sets it when a request carries `X-Refresh-Cookie: 1`, and then leaves it out of the JSON body);
 * - the access token (minutes) lives in memory only;
 * - tabs share the access token over a BroadcastChannel, and refreshes are serialized across tabs with a Web Lock,
 *   so two tabs never spend the same rotating refresh token (which the server treats as theft and revokes).
 * localStorage keeps only a "was signed in" hint so a signed-out visitor does not trigger a refresh at every load.
 */
export interface Session {
  accessToken: string;
  expiresAtMs: number;
  user: UserView;
}

export const session = store<Session | null>(null);

const HINT_KEY = 'ticketrush.signedIn';
const LOCK = 'ticketrush.refresh';
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('ticketrush.session') : undefined;
type Note = { type: 'session'; session: Session } | { type: 'signedOut' } | { type: 'ask' };
const post = (note: Note) => channel?.postMessage(note);

channel?.addEventListener('message', (e: MessageEvent<Note>) => {
  const note = e.data;
  if (note.type === 'ask') {
    const current = session.get();
    if (current) post({ type: 'session', session: current });
  } else if (note.type === 'session') {
    const current = session.get();
    if (!current || current.expiresAtMs < note.session.expiresAtMs || current.user.nickname !== note.session.user.nickname) session.set(note.session);
  } else if (note.type === 'signedOut') {
    session.set(null);
  }
});

const toSession = (pair: SessionPair): Session => ({
  accessToken: pair.accessToken,
  // Refresh a little early so a request never leaves with a token that expires on the way.
  expiresAtMs: Date.now() + (pair.accessTokenExpiresInSeconds - 20) * 1000,
  user: pair.user,
});

/** Adopts a freshly signed-in pair and tells the other tabs. */
export function adopt(pair: SessionPair): Session {
  const next = toSession(pair);
  localStorage.setItem(HINT_KEY, '1');
  session.set(next);
  post({ type: 'session', session: next });
  return next;
}

export function forget(): void {
  localStorage.removeItem(HINT_KEY);
  session.set(null);
  post({ type: 'signedOut' });
}

/** Headers that ask the auth routes to keep the refresh token in the cookie. */
export const cookieMode = { 'x-refresh-cookie': '1' } as const;

async function refreshWithCookie(): Promise<Session | null> {
  const res = await fetch(`${config().apiUrl}/auth/token/refresh`, { method: 'POST', credentials: 'include', headers: { ...cookieMode, 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) {
    forget();
    return null;
  }
  return adopt((await res.json()) as SessionPair);
}

const withLock = <T>(fn: () => Promise<T>): Promise<T> =>
  typeof navigator.locks?.request === 'function' ? (navigator.locks.request(LOCK, fn) as Promise<T>) : fn();

/**
 * A valid access token, refreshing when the current one is (about to be) stale. `rejected` is a token the API just
 * refused: if another tab already replaced it, that replacement is used without spending the refresh token again.
 */
export async function freshToken(rejected?: string): Promise<string | undefined> {
  const current = session.get();
  if (current && current.accessToken !== rejected && current.expiresAtMs > Date.now()) return current.accessToken;
  if (!current && !localStorage.getItem(HINT_KEY)) return undefined;
  return withLock(async () => {
    const now = session.get();
    if (now && now.accessToken !== rejected && now.expiresAtMs > Date.now()) return now.accessToken;
    return (await refreshWithCookie())?.accessToken;
  });
}

/** At start: take the session from another open tab if there is one, else refresh from the cookie. */
export async function restoreSession(): Promise<void> {
  if (!localStorage.getItem(HINT_KEY)) return;
  post({ type: 'ask' });
  await new Promise((r) => setTimeout(r, 120));
  if (!session.get()) await freshToken();
}
