import { describe, expect, it } from 'vitest';
import { dynamoIdempotencyStore } from '#adapters/dynamo/idempotency-store';
import { dynamo, tableName } from '#platform/clients';
import { systemClock } from '#platform/clock';
import { withInvocationDeadline } from '#platform/deadlines';
import { idempotency, type IdempotencyStore } from '#services/idempotency';

const stall = () => Object.assign(new Error('socket hang up: the table stalled'), { name: 'TimeoutError' });

describe('an idempotency claim under a stalled table', () => {
  it('lasts no longer than the request deadline, so the retry after the 503 runs instead of meeting 409', async () => {
    const store = dynamoIdempotencyStore(dynamo, tableName);
    // The write and the release both meet the stall; the claim stays in the real table as IN_PROGRESS.
    const stalled: IdempotencyStore = { ...store, abandon: async () => Promise.reject(stall()) };
    const request = { scope: `lease-${Date.now()}:POST /v1/reservations`, key: 'retry-me', body: { seatIds: ['A-1-1'] } };
    const oneSecondLeft = { getRemainingTimeInMillis: () => 1000 };

    const first = withInvocationDeadline('request', oneSecondLeft, () =>
      idempotency({ store: stalled, clock: systemClock })(request, async () => Promise.reject(stall())),
    );
    // The 503 asks the client to come back once the claim has lapsed (1 s left minus the 300 ms reserve, rounded up).
    await expect(first).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryAfterSeconds: 1 });

    const run = idempotency({ store, clock: systemClock });
    const ok = async () => ({ status: 201, body: { reservationId: 'r-1' } });
    await expect(withInvocationDeadline('request', oneSecondLeft, () => run(request, ok))).rejects.toMatchObject({ code: 'CONFLICT' });

    await new Promise((r) => setTimeout(r, 1000)); // as the Retry-After asks
    expect(await withInvocationDeadline('request', oneSecondLeft, () => run(request, ok))).toEqual({ status: 201, body: { reservationId: 'r-1' }, replayed: false });
    expect(await run(request, ok)).toEqual({ status: 201, body: { reservationId: 'r-1' }, replayed: true });
  });
});
