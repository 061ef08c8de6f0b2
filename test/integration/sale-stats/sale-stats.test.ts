import { PutCommand } from '#platform/clients/dynamo-commands';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { reservationItem } from '#adapters/dynamo/reservations-items';
import type { Reservation } from '#domain/reservations/reservation';
import { dynamo, tableName } from '#platform/clients';
import { admin, invoke, user } from '../../helpers/api-event';
import { getSaleStats } from '../../../functions/http/sale-stats';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

async function put(concertId: string, r: Partial<Reservation> & Pick<Reservation, 'status' | 'heldAt'>, createdMinutesAgo: number): Promise<void> {
  const reservation: Reservation = {
    reservationId: ulid(Date.now() - createdMinutesAgo * 60_000),
    userId: 'u',
    concertId,
    showId: 's',
    seats: [],
    amount: 1000,
    currency: 'KRW',
    holdExpiresAt: minutesAgo(-5),
    version: 1,
    ...r,
  };
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: reservationItem(reservation) }));
}

describe('GET /v1/admin/concerts/{concertId}/sale-stats', () => {
  it('counts holds, sales, expiries per minute and payment outcomes from the concert’s reservations', async () => {
    const concertId = `stats-${ulid()}`;
    await put(concertId, { status: 'CONFIRMED', heldAt: minutesAgo(3), confirmedAt: minutesAgo(2), paymentIntentId: 'pi' }, 3);
    await put(concertId, { status: 'EXPIRED', heldAt: minutesAgo(4), expiredAt: minutesAgo(1), paymentIntentId: 'pi2' }, 4);
    await put(concertId, { status: 'EXPIRED', heldAt: minutesAgo(6), expiredAt: minutesAgo(1) }, 6);
    await put(concertId, { status: 'HOLD', heldAt: minutesAgo(0) }, 0);
    // Made long before the window: neither its hold nor anything else counts.
    await put(concertId, { status: 'CONFIRMED', heldAt: minutesAgo(600), confirmedAt: minutesAgo(599) }, 600);

    const res = await invoke(getSaleStats, { path: `/v1/admin/concerts/${concertId}/sale-stats`, resource: '/v1/admin/concerts/{concertId}/sale-stats', pathParameters: { concertId }, query: { minutes: '10' }, principal: admin });
    expect(res.status).toBe(200);
    expect(res.body.minutes).toHaveLength(10);
    const sum = (k: 'holds' | 'sales' | 'expiries') => res.body.minutes.reduce((a: number, m: Record<string, number>) => a + m[k]!, 0);
    expect([sum('holds'), sum('sales'), sum('expiries')]).toEqual([4, 1, 2]);
    expect(res.body.payments).toEqual({ confirmed: 1, expiredUnpaid: 1, expiredOnHold: 1, refunded: 0, paying: 0 });
  });

  it('is for ADMIN only and validates its window', async () => {
    const asUser = await invoke(getSaleStats, { path: '/v1/admin/concerts/c/sale-stats', pathParameters: { concertId: 'c' }, principal: user });
    expect(asUser.status).toBe(403);
    const bad = await invoke(getSaleStats, { path: '/v1/admin/concerts/c/sale-stats', pathParameters: { concertId: 'c' }, query: { minutes: '0' }, principal: admin });
    expect(bad.status).toBe(400);
  });
});
