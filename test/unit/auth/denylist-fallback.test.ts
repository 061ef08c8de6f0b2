import { describe, expect, it } from 'vitest';
import { ManualClock } from '#platform/clock';
import { denylistWithLastKnownAnswer, DENYLIST_STALE_FOR_MS } from '#services/auth/denylist-fallback';
import type { AccessDenylist } from '#services/auth/ports';

/** A denylist store that can be made unreachable (a timeout, as a paused DynamoDB Local gives). */
function flakyStore() {
  const denied = new Set<string>();
  let down = false;
  const store: AccessDenylist = {
    deny: async (jti) => void denied.add(jti),
    isDenied: async (jti) => {
      if (down) throw Object.assign(new Error('request timed out'), { name: 'TimeoutError' });
      return denied.has(jti);
    },
  };
  return { store, denied, setDown: (d: boolean) => (down = d) };
}

describe('the authorizer denylist when DynamoDB is unreachable', () => {
  it('keeps the answer for a token checked within 30 s, then fails closed', async () => {
    const clock = new ManualClock();
    const { store, setDown } = flakyStore();
    const list = denylistWithLastKnownAnswer(store, clock);
    expect(await list.isDenied('seen')).toBe(false);
    setDown(true);
    expect(await list.isDenied('seen')).toBe(false);
    await expect(list.isDenied('never-seen')).rejects.toMatchObject({ name: 'TimeoutError' });
    clock.advance(DENYLIST_STALE_FOR_MS / 1000 + 1);
    await expect(list.isDenied('seen')).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('keeps a revoked token revoked while the store is down, and always asks the store while it is up', async () => {
    const clock = new ManualClock();
    const { store, denied, setDown } = flakyStore();
    const list = denylistWithLastKnownAnswer(store, clock);
    expect(await list.isDenied('t')).toBe(false);
    denied.add('t');
    expect(await list.isDenied('t')).toBe(true);
    setDown(true);
    expect(await list.isDenied('t')).toBe(true);
  });

  it('does not hide failures that are not the store being unreachable', async () => {
    const clock = new ManualClock();
    const list = denylistWithLastKnownAnswer({ deny: async () => undefined, isDenied: async () => Promise.reject(new TypeError('bug')) }, clock);
    await expect(list.isDenied('x')).rejects.toBeInstanceOf(TypeError);
  });
});
