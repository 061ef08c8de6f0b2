import { describe, expect, it } from 'vitest';
import { newHold, RESERVATION_STATUSES, type Reservation, type ReservationStatus } from '#domain/reservations/reservation';
import { allowedNext, deadlineOf, releasesSeats, transition } from '#domain/reservations/state-machine';
import { DomainError } from '#platform/errors';

const heldAt = new Date('2026-12-24T11:00:00.000Z');
const hold = (): Reservation =>
  newHold({
    reservationId: 'r1',
    userId: 'u1',
    tier: 'BASIC',
    showId: 's1',
    at: heldAt,
    holdTtlSeconds: 300,
    seats: [
      { seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'VIP', price: 150000, concertId: 'c1', currency: 'KRW' },
      { seatId: 'A-1-2', section: 'A', row: 1, number: 2, grade: 'VIP', price: 150000, concertId: 'c1', currency: 'KRW' },
    ],
  });

const before = new Date('2026-12-24T11:04:59.999Z');
const atDeadline = new Date('2026-12-24T11:05:00.000Z');
const paymentDeadline = new Date('2026-12-24T11:14:00.000Z');

/** Walks the happy paths to put a reservation in any status. */
function inStatus(status: ReservationStatus): Reservation {
  const h = hold();
  const paying = () => transition(h, 'PAYING', { at: before, paymentExpiresAt: paymentDeadline, paymentIntentId: 'pi1' });
  const confirmed = () => transition(paying(), 'CONFIRMED', { at: before });
  switch (status) {
    case 'HOLD': return h;
    case 'PAYING': return paying();
    case 'CONFIRMED': return confirmed();
    case 'EXPIRED': return transition(h, 'EXPIRED', { at: atDeadline });
    case 'CANCELLED': return transition(confirmed(), 'CANCELLED', { at: before });
    case 'REFUNDED': return transition(transition(confirmed(), 'CANCELLED', { at: before }), 'REFUNDED', { at: before });
  }
}

const ALLOWED = new Set(['HOLD>PAYING', 'HOLD>EXPIRED', 'HOLD>CANCELLED', 'PAYING>CONFIRMED', 'PAYING>EXPIRED', 'CONFIRMED>CANCELLED', 'CANCELLED>REFUNDED']);

describe('newHold', () => {
  it('snapshots the seats, sums the amount and sets the hold deadline from the TTL', () => {
    const h = hold();
    expect(h).toMatchObject({ status: 'HOLD', concertId: 'c1', amount: 300000, currency: 'KRW', heldAt: '2026-12-24T11:00:00.000Z', holdExpiresAt: '2026-12-24T11:05:00.000Z', version: 1 });
    expect(h.seats[0]).toEqual({ seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'VIP', price: 150000 });
  });

  it('refuses seats priced in two currencies', () => {
    expect(() =>
      newHold({ reservationId: 'r', userId: 'u', tier: 'BASIC', showId: 's', at: heldAt, holdTtlSeconds: 1, seats: [
        { seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'R', price: 1, concertId: 'c', currency: 'KRW' },
        { seatId: 'A-1-2', section: 'A', row: 1, number: 2, grade: 'R', price: 1, concertId: 'c', currency: 'USD' },
      ] }),
    ).toThrow(/currencies/);
  });
});

describe('the reservation state machine', () => {
  for (const from of RESERVATION_STATUSES) {
    for (const to of RESERVATION_STATUSES) {
      const move = `${from}>${to}`;
      if (ALLOWED.has(move)) {
        it(`allows ${from} → ${to}`, () => {
          const r = inStatus(from);
          const at = to === 'EXPIRED' ? (from === 'PAYING' ? paymentDeadline : atDeadline) : before;
          const next = transition(r, to, { at, paymentExpiresAt: paymentDeadline });
          expect(next.status).toBe(to);
          expect(next.version).toBe(r.version + 1);
          expect(r.status).toBe(from);
        });
      } else {
        it(`refuses ${from} → ${to} with INVALID_TRANSITION`, () => {
          const err = catchError(() => transition(inStatus(from), to, { at: atDeadline, paymentExpiresAt: paymentDeadline }));
          expect(err).toMatchObject({ code: 'INVALID_TRANSITION', details: { from, to } });
        });
      }
    }
  }

  it('lists exactly the allowed next states', () => {
    expect(allowedNext('HOLD')).toEqual(['PAYING', 'EXPIRED', 'CANCELLED']);
    expect(allowedNext('EXPIRED')).toEqual([]);
  });

  it('records the moment of each move', () => {
    expect(inStatus('PAYING')).toMatchObject({ paymentExpiresAt: paymentDeadline.toISOString(), paymentIntentId: 'pi1' });
    expect(inStatus('CONFIRMED').confirmedAt).toBe(before.toISOString());
    expect(inStatus('EXPIRED').expiredAt).toBe(atDeadline.toISOString());
    expect(inStatus('CANCELLED').cancelledAt).toBe(before.toISOString());
    expect(inStatus('REFUNDED').refundedAt).toBe(before.toISOString());
  });

  it('does not expire a hold one millisecond before its deadline, and does at the deadline', () => {
    expect(catchError(() => transition(hold(), 'EXPIRED', { at: before }))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(transition(hold(), 'EXPIRED', { at: atDeadline }).status).toBe('EXPIRED');
  });

  it('expires PAYING at the payment deadline, not at the hold deadline', () => {
    const paying = inStatus('PAYING');
    expect(catchError(() => transition(paying, 'EXPIRED', { at: atDeadline }))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(transition(paying, 'EXPIRED', { at: paymentDeadline }).status).toBe('EXPIRED');
  });

  it('refuses to start paying a hold whose deadline has passed', () => {
    expect(catchError(() => transition(hold(), 'PAYING', { at: atDeadline, paymentExpiresAt: paymentDeadline }))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refunds only a reservation that was paid before it was cancelled', () => {
    const cancelledHold = transition(hold(), 'CANCELLED', { at: before });
    expect(catchError(() => transition(cancelledHold, 'REFUNDED', { at: before }))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('frees seats only on EXPIRED and CANCELLED', () => {
    expect(RESERVATION_STATUSES.filter(releasesSeats)).toEqual(['EXPIRED', 'CANCELLED']);
  });

  it('knows the deadline of each live state', () => {
    expect(deadlineOf(hold())).toBe('2026-12-24T11:05:00.000Z');
    expect(deadlineOf(inStatus('PAYING'))).toBe(paymentDeadline.toISOString());
    expect(deadlineOf(inStatus('CONFIRMED'))).toBeUndefined();
  });
});

function catchError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected an DomainError');
}
