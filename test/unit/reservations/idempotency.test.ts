import { describe, expect, it } from 'vitest';
import { ManualClock } from '#platform/clock';
import { fingerprintOf, idempotency, type BeginResult, type IdempotencyStore } from '#services/idempotency';

/** A store that answers `begin` as told and records what the service asks of it. */
function scriptedStore(answer: BeginResult) {
  const calls: string[] = [];
  const store: IdempotencyStore = {
    begin: async () => (calls.push('begin'), answer),
    complete: async () => void calls.push('complete'),
    abandon: async () => void calls.push('abandon'),
  };
  return { store, calls };
}

describe('idempotency around a write', () => {
  const clock = new ManualClock();
  const body = { showId: 's', seatIds: ['A-1-1'] };
  const ok = async () => ({ status: 201, body: { id: 'r1' } });

  it('runs without a key and records nothing', async () => {
    const { store, calls } = scriptedStore({ state: 'STARTED' });
    expect(await idempotency({ store, clock })({ scope: 'u', key: undefined, body }, ok)).toEqual({ status: 201, body: { id: 'r1' }, replayed: false });
    expect(calls).toEqual([]);
  });

  it('records a success and releases the key after a failure', async () => {
    const first = scriptedStore({ state: 'STARTED' });
    await idempotency({ store: first.store, clock })({ scope: 'u', key: 'k', body }, ok);
    expect(first.calls).toEqual(['begin', 'complete']);
    const failing = scriptedStore({ state: 'STARTED' });
    await expect(idempotency({ store: failing.store, clock })({ scope: 'u', key: 'k', body }, async () => Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    expect(failing.calls).toEqual(['begin', 'abandon']);
  });

  it('replays a completed response without running again', async () => {
    const { store } = scriptedStore({ state: 'COMPLETED', fingerprint: fingerprintOf(body), response: { status: 201, body: { id: 'first' } } });
    let ran = false;
    const result = await idempotency({ store, clock })({ scope: 'u', key: 'k', body }, async () => ((ran = true), { status: 201, body: {} }));
    expect(result).toEqual({ status: 201, body: { id: 'first' }, replayed: true });
    expect(ran).toBe(false);
  });

  it('answers IDEMPOTENCY_CONFLICT for another body and CONFLICT with Retry-After while the first still runs', async () => {
    const other = scriptedStore({ state: 'COMPLETED', fingerprint: fingerprintOf({ showId: 'other' }), response: { status: 201, body: {} } });
    await expect(idempotency({ store: other.store, clock })({ scope: 'u', key: 'k', body }, ok)).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const running = scriptedStore({ state: 'IN_PROGRESS', fingerprint: fingerprintOf(body) });
    await expect(idempotency({ store: running.store, clock })({ scope: 'u', key: 'k', body }, ok)).rejects.toMatchObject({ code: 'CONFLICT', retryAfterSeconds: 1 });
  });

  it('refuses a key that is empty, too long or not printable ASCII', async () => {
    const { store } = scriptedStore({ state: 'STARTED' });
    for (const key of ['', 'x'.repeat(256), 'with space', 'ключ']) {
      await expect(idempotency({ store, clock })({ scope: 'u', key, body }, ok)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('fingerprints bodies by content, not key order or formatting', () => {
    expect(fingerprintOf({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(fingerprintOf({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(fingerprintOf({ seatIds: ['A-1-1', 'A-1-2'] })).not.toBe(fingerprintOf({ seatIds: ['A-1-2', 'A-1-1'] }));
  });
});
