import { describe, expect, it } from 'vitest';
import { CONNECT_LEAD_SECONDS, MAX_POLL_SECONDS, MIN_POLL_SECONDS, paced, pollAfterSeconds, wantsSocket } from '#domain/waiting-room/client-pacing';
import type { QueueStatus } from '#domain/waiting-room/queue-status';

const rates = { connectsPerSecond: 100, admitPerSecond: 0.1 };
const status = (s: Partial<QueueStatus>): QueueStatus => ({ concertId: 'c', status: 'WAITING', position: 10, ahead: 9, etaSeconds: 10, ...s });

describe('client pacing', () => {
  it('polls at a quarter of the ETA, between the floor and the ceiling', () => {
    expect(pollAfterSeconds(0)).toBe(MIN_POLL_SECONDS);
    expect(pollAfterSeconds(40)).toBe(10);
    expect(pollAfterSeconds(10_000)).toBe(MAX_POLL_SECONDS);
  });

  it('wants a socket when ACTIVE or within the connect lead of admission, not before', () => {
    expect(wantsSocket(status({ etaSeconds: CONNECT_LEAD_SECONDS, position: 10_000 }), 10)).toBe(true);
    expect(wantsSocket(status({ etaSeconds: CONNECT_LEAD_SECONDS + 1, position: 10_000 }), 10)).toBe(false);
    expect(wantsSocket(status({ status: 'ACTIVE', etaSeconds: 0 }), 10)).toBe(true);
    expect(wantsSocket(status({ status: 'PREQUEUE', etaSeconds: 0 }), 10)).toBe(false);
  });

  it('keeps the front of a paused or full line connected although its measured ETA is long', () => {
    // A paused line's measured rate decays towards zero; the first minute at the configured rate still connects.
    expect(wantsSocket(status({ etaSeconds: 100_000, position: 600 }), 10)).toBe(true);
    expect(wantsSocket(status({ etaSeconds: 100_000, position: 601 }), 10)).toBe(false);
    expect(paced(status({ etaSeconds: 100_000, position: 1 }), true, { connectsPerSecond: 100, admitPerSecond: 10 })).toMatchObject({ connect: true });
  });

  it('connects only with a grant; a fan refused by the budget asks again about when its turn comes', () => {
    expect(paced(status({ etaSeconds: 8 }), true, rates)).toMatchObject({ connect: true, pollAfterSeconds: 2 });
    expect(paced(status({ etaSeconds: 8, position: 10 }), false, rates)).toMatchObject({ connect: false, pollAfterSeconds: 1 });
    expect(paced(status({ etaSeconds: 50, position: 2_500 }), false, rates)).toMatchObject({ connect: false, pollAfterSeconds: 25 });
    expect(paced(status({ status: 'ACTIVE', position: 0, etaSeconds: 0 }), false, rates)).toMatchObject({ connect: false, pollAfterSeconds: 1 });
    expect(paced(status({ etaSeconds: 400 }), false, rates)).toMatchObject({ connect: false, pollAfterSeconds: 60 });
    expect(paced(status({ status: 'PREQUEUE', etaSeconds: 90 }), false, rates)).toMatchObject({ connect: false, pollAfterSeconds: 23 });
    expect(paced(status({ status: 'NONE', position: 0 }), false, rates)).not.toHaveProperty('connect');
  });
});
