import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/api/api-error';
import { ReplayableKey, retryingUnavailable } from '../../../web/src/api/replayable-write';

const unavailable = (retryAfterSeconds?: number) => new ApiError(503, 'DEPENDENCY_UNAVAILABLE', 'down', undefined, retryAfterSeconds);

describe('a write whose outcome is unknown is sent again with the same Idempotency-Key', () => {
  it('keeps the key for the same body until the write settles, and starts a new one for another body', () => {
    const keys = new ReplayableKey();
    const first = keys.for({ showId: 's', seatIds: ['A-1-1'] });
    expect(keys.for({ showId: 's', seatIds: ['A-1-1'] })).toBe(first);
    const other = keys.for({ showId: 's', seatIds: ['A-1-2'] });
    expect(other).not.toBe(first);
    keys.settle();
    expect(keys.for({ showId: 's', seatIds: ['A-1-2'] })).not.toBe(other);
  });

  it('retries a 503 after its Retry-After (capped at 5 s) and a network failure after 1 s, with the same key each time', async () => {
    const keys = new ReplayableKey();
    const sent: string[] = [];
    const waits: number[] = [];
    const failures: unknown[] = [unavailable(2), new TypeError('Failed to fetch')];
    const result = await retryingUnavailable(
      async () => {
        sent.push(keys.for({ seat: 1 }));
        const failure = failures.shift();
        if (failure) throw failure;
        return 'held';
      },
      3,
      async (ms) => void waits.push(ms),
    );
    expect(result).toBe('held');
    expect(waits).toEqual([2000, 1000]);
    expect(new Set(sent).size).toBe(1);
    expect(sent).toHaveLength(3);
  });

  it('gives up after the last try, and never retries an answer that says what happened', async () => {
    let tries = 0;
    const failing = (error: ApiError) => async (): Promise<never> => {
      tries++;
      throw error;
    };
    await expect(retryingUnavailable(failing(unavailable(60)), 2, async () => {})).rejects.toMatchObject({ status: 503 });
    expect(tries).toBe(2);
    tries = 0;
    await expect(retryingUnavailable(failing(new ApiError(409, 'SEAT_UNAVAILABLE', 'taken')), 3, async () => {})).rejects.toMatchObject({ code: 'SEAT_UNAVAILABLE' });
    expect(tries).toBe(1);
  });
});
