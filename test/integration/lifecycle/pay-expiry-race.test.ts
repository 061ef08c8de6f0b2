import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchGetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import type { Reservation } from '#domain/reservations/reservation';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { seedShow } from '../reservations/fixtures';
import { waitFor } from '../payments/harness';
import { buyer, CARDS, lifecycleHarness, type Lifecycle } from './harness';

/**
 * Pay racing expiry, 100 times, on the real stores: each hold is paid just inside its deadline while its expiry
 * task runs (the deadline's grace lets both start); every other round the payment deadline is then passed and
 * the PAYING expiry races the captured webhook on its way through SQS.
 */
const ROUNDS = 100;
const clock = new ManualClock(new Date('2026-12-01T00:00:00.000Z'));
let h: Lifecycle;
beforeAll(async () => {
  h = await lifecycleHarness({ clock });
});
afterAll(() => h?.stop());

describe('pay racing expiry', () => {
  it(`never ends CONFIRMED and EXPIRED together, and refunds every capture on an expired reservation (${ROUNDS} rounds)`, async () => {
    const { showId, seatIds } = await seedShow({ rows: 1, seatsPerRow: ROUNDS, policy: { holdTtlSeconds: 300, paymentTtlSeconds: 600 } });
    const ids: string[] = [];
    const payWins = { paid: 0, refused: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const start = new Date(Date.parse('2026-12-01T00:00:00.000Z') + i * 3600_000);
      clock.set(start);
      const who = buyer();
      const r = await h.hold({ principal: who, showId, seatIds: [seatIds[i]!] });
      ids.push(r.reservationId);
      clock.set(new Date(Date.parse(r.holdExpiresAt) - 500));
      const [paid] = await Promise.allSettled([h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.approve } }), h.expire(r.reservationId, 'HOLD')]);
      if (paid.status === 'fulfilled') payWins.paid++;
      else {
        payWins.refused++;
        expect(paid.reason).toMatchObject({ code: 'INVALID_TRANSITION' });
      }
      if (paid.status === 'fulfilled' && i % 2 === 0) {
        clock.set(paid.value.reservation.paymentExpiresAt!);
        await h.expire(r.reservationId, 'PAYING');
      }
    }

    const settled = async (): Promise<Reservation[] | false> => {
      const all = await Promise.all(ids.map((id) => h.reservations.get(id)));
      for (const r of all) {
        if (!r || (r.status !== 'CONFIRMED' && r.status !== 'EXPIRED')) return false;
        if (!r.paymentIntentId) continue;
        const intent = (await h.sandbox.find(r.paymentIntentId))!;
        if (r.status === 'EXPIRED' && intent.status === 'CAPTURED') return false; // its refund is on its way
      }
      return all as Reservation[];
    };
    const final = await waitFor('every reservation settled', settled, 45_000, 250);

    const seats = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: seatIds.slice(0, 100).map((s) => keys.seat(showId, s)), ConsistentRead: true } } }));
    const seatOf = new Map((seats.Responses?.[tableName()] ?? []).map((s) => [s.seatId as string, s]));
    for (const r of final) {
      const intent = r.paymentIntentId ? await h.sandbox.find(r.paymentIntentId) : undefined;
      const s = seatOf.get(r.seats[0]!.seatId)!;
      if (r.status === 'CONFIRMED') {
        expect(r.expiredAt).toBeUndefined();
        expect(intent?.status).toBe('CAPTURED');
        expect(s).toMatchObject({ status: 'SOLD', reservationId: r.reservationId });
      } else {
        expect(r.confirmedAt).toBeUndefined();
        expect(['REFUNDED', 'CANCELLED', undefined]).toContain(intent?.status);
        expect(s.status).toBe('AVAILABLE');
      }
    }
    const counts = { confirmed: final.filter((r) => r.status === 'CONFIRMED').length, expired: final.filter((r) => r.status === 'EXPIRED').length };
    console.info('pay vs expiry', { ...payWins, ...counts });
    expect(counts.confirmed + counts.expired).toBe(ROUNDS);
  }, 180_000);
});
