import { describe, expect, it } from 'vitest';
import { captureOutcome, paymentAttempt, withNewIntent } from '#domain/reservations/payment-attempt';
import { newHold, type Reservation } from '#domain/reservations/reservation';
import { refundPermission } from '#domain/reservations/refund-window';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { transition } from '#domain/reservations/state-machine';

const heldAt = new Date('2026-12-24T11:00:00.000Z');
const inside = new Date('2026-12-24T11:01:00.000Z');
const paymentDeadline = new Date('2026-12-24T11:11:00.000Z');
const hold = (): Reservation =>
  newHold({ reservationId: 'r1', userId: 'u1', tier: 'BASIC', showId: 's1', at: heldAt, holdTtlSeconds: 300, seats: [{ seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'VIP', price: 1, concertId: 'c1', currency: 'KRW' }] });
const paying = (intentId = 'pi1') => transition(hold(), 'PAYING', { at: inside, paymentExpiresAt: paymentDeadline, paymentIntentId: intentId });
const confirmed = () => transition(paying(), 'CONFIRMED', { at: inside });

describe('paying a reservation', () => {
  it('starts a HOLD before its deadline and refuses a lapsed one', () => {
    expect(paymentAttempt(hold(), undefined, inside)).toEqual({ kind: 'START' });
    expect(() => paymentAttempt(hold(), undefined, new Date('2026-12-24T11:05:00.000Z'))).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });

  it('retries a PAYING reservation with a new intent after a decline or cancel, re-authorizes a PENDING one, refuses a live one', () => {
    expect(paymentAttempt(paying(), 'FAILED', inside)).toEqual({ kind: 'RETRY_WITH_NEW_INTENT' });
    expect(paymentAttempt(paying(), 'CANCELLED', inside)).toEqual({ kind: 'RETRY_WITH_NEW_INTENT' });
    expect(paymentAttempt(paying(), 'PENDING', inside)).toEqual({ kind: 'AUTHORIZE_AGAIN', intentId: 'pi1' });
    for (const status of ['AUTHORIZED', 'CAPTURED', 'REFUNDED'] as const) {
      expect(() => paymentAttempt(paying(), status, inside)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    }
  });

  it('refuses any payment at or after the payment deadline, and of settled reservations', () => {
    expect(() => paymentAttempt(paying(), 'FAILED', paymentDeadline)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    expect(() => paymentAttempt(confirmed(), 'CAPTURED', inside)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });

  it('attaches a new intent to a PAYING reservation without moving its deadline', () => {
    const next = withNewIntent(paying(), 'pi2', inside);
    expect(next).toMatchObject({ status: 'PAYING', paymentIntentId: 'pi2', paymentExpiresAt: paymentDeadline.toISOString(), version: paying().version + 1 });
    expect(() => withNewIntent(hold(), 'pi2', inside)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });
});

describe('what a capture means', () => {
  it('confirms its own PAYING reservation once, and refunds every capture that cannot sell a seat', () => {
    expect(captureOutcome(paying(), 'pi1')).toBe('CONFIRM');
    expect(captureOutcome(confirmed(), 'pi1')).toBe('ALREADY_CONFIRMED');
    expect(captureOutcome(transition(confirmed(), 'CANCELLED', { at: inside }), 'pi1')).toBe('ALREADY_CONFIRMED');
    expect(captureOutcome(transition(paying(), 'EXPIRED', { at: paymentDeadline }), 'pi1')).toBe('REFUND');
    expect(captureOutcome(paying('pi2'), 'pi1')).toBe('REFUND');
    expect(captureOutcome(confirmed(), 'other')).toBe('REFUND');
    expect(captureOutcome(undefined, 'pi1')).toBe('REFUND');
    expect(captureOutcome(hold(), 'pi1')).toBe('RETRY_LATER');
  });
});

describe('the refund window', () => {
  const show = '2026-12-25T11:00:00.000Z';
  it('is open until refundCutoffHours before the show, then only an ADMIN may refund', () => {
    expect(refundPermission({ showStartsAt: show, refundCutoffHours: 24, role: 'USER', at: new Date('2026-12-24T10:59:59.999Z') })).toBe('ALLOWED');
    expect(() => refundPermission({ showStartsAt: show, refundCutoffHours: 24, role: 'USER', at: new Date('2026-12-24T11:00:00.000Z') })).toThrow(
      expect.objectContaining({ code: 'REFUND_WINDOW_CLOSED' }),
    );
    expect(refundPermission({ showStartsAt: show, refundCutoffHours: 24, role: 'ADMIN', at: new Date('2026-12-24T11:00:00.000Z') })).toBe('ADMIN_OVERRIDE');
  });
});

describe('seat changes pushed to watchers', () => {
  it('maps held, paying, confirmed and released seats to ordered changes, and ignores other events', () => {
    const detail = { reservationId: 'R1', concertId: 'c1', showId: 's1', seatIds: ['A-1-1', 'A-1-2'], holdExpiresAt: 'h', paymentExpiresAt: 'p' };
    const base = { concertId: 'c1', showId: 's1', seatIds: ['A-1-1', 'A-1-2'], reservationId: 'R1' };
    expect(seatChangeOf('ReservationHeld', detail)).toEqual({ ...base, status: 'HELD', rank: 1, holdExpiresAt: 'h' });
    expect(seatChangeOf('ReservationPaying', detail)).toEqual({ ...base, status: 'HELD', rank: 2, holdExpiresAt: 'p' });
    expect(seatChangeOf('ReservationConfirmed', detail)).toEqual({ ...base, status: 'SOLD', rank: 3 });
    expect(seatChangeOf('SeatsReleased', detail)).toEqual({ ...base, status: 'AVAILABLE', rank: 4 });
    expect(seatChangeOf('ReservationExpired', detail)).toBeUndefined();
    expect(seatChangeOf('SeatsReleased', { ...detail, seatIds: [] })).toBeUndefined();
  });
});
