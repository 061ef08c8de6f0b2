import type { Clock } from '#platform/clock';
import { isDependencyFailure } from '#platform/dependency-errors';
import type { AccessDenylist } from './ports';

/**
 * What the authorizer does when the logout denylist cannot be read (decision in docs/failure-modes.md):
 * a token this container saw checked within the last `staleForMs` keeps that answer (a logout reaches it at most
 * that late, and only while the store is down); any other token is refused with 503 — fail-closed, because a
 * revoked token must not slip through for the length of an outage. Healthy reads always go to the store: a logout
 * still takes effect on the very next request.
 */
export const DENYLIST_STALE_FOR_MS = 30_000;
const MAX_REMEMBERED = 10_000;

export function denylistWithLastKnownAnswer(store: AccessDenylist, clock: Clock, staleForMs = DENYLIST_STALE_FOR_MS): AccessDenylist {
  const lastKnown = new Map<string, { denied: boolean; atMs: number }>();
  const remember = (jti: string, denied: boolean) => {
    lastKnown.delete(jti);
    lastKnown.set(jti, { denied, atMs: clock.now().getTime() });
    // A Map iterates in insertion order: the first key is the least recently checked.
    if (lastKnown.size > MAX_REMEMBERED) lastKnown.delete(lastKnown.keys().next().value as string);
  };
  return {
    deny: (jti, userId, expiresAt) => store.deny(jti, userId, expiresAt),
    async isDenied(jti) {
      try {
        const denied = await store.isDenied(jti);
        remember(jti, denied);
        return denied;
      } catch (error) {
        const known = lastKnown.get(jti);
        if (known && isDependencyFailure(error) && clock.now().getTime() - known.atMs <= staleForMs) return known.denied;
        throw error;
      }
    },
  };
}
