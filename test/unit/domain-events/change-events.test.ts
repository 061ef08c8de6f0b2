import { describe, expect, it } from 'vitest';
import { eventsOfChange, type IntentRecord } from '#domain/change-events';
import { transition } from '#domain/reservations/state-machine';
import { newHold, type Reservation } from '#domain/reservations/reservation';
import { announceChanges } from '#services/domain-events/announce-changes';
import type { DomainEvent } from '#domain/events';

const at = new Date('2026-12-24T11:00:00.000Z');
const held: Reservation = newHold({
  reservationId: 'r-1',
  userId: 'u-1',
  tier: 'BASIC',
  showId: 's-1',
  seats: [
    { seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'R', price: 100, concertId: 'c-1', currency: 'KRW' },
    { seatId: 'A-1-2', section: 'A', row: 1, number: 2, grade: 'R', price: 100, concertId: 'c-1', currency: 'KRW' },
  ],
  at,
  holdTtlSeconds: 60,
});
const types = (events: DomainEvent[]) => events.map((e) => e.detailType);

describe('what changed → which events', () => {
  it('announces a new reservation as ReservationHeld with its seats and deadline', () => {
    const [event, ...rest] = eventsOfChange({ kind: 'reservation', after: held, releasedSeatIds: [] });
    expect(rest).toEqual([]);
    expect(event).toEqual({
      detailType: 'ReservationHeld',
      detail: { reservationId: 'r-1', userId: 'u-1', concertId: 'c-1', showId: 's-1', status: 'HOLD', seatIds: ['A-1-1', 'A-1-2'], holdExpiresAt: held.holdExpiresAt },
    });
  });

  it('announces an expiry with the seats that very transaction released', () => {
    const expired = transition(held, 'EXPIRED', { at: new Date(at.getTime() + 60_000) });
    const events = eventsOfChange({ kind: 'reservation', before: held, after: expired, releasedSeatIds: ['A-1-2'] });
    expect(types(events)).toEqual(['ReservationExpired', 'SeatsReleased']);
    expect(events[1]?.detail).toMatchObject({ reservationId: 'r-1', seatIds: ['A-1-2'], reason: 'EXPIRED' });
  });

  it('announces nothing for a write that did not move the reservation (same version), or a deletion', () => {
    expect(eventsOfChange({ kind: 'reservation', before: held, after: held, releasedSeatIds: [] })).toEqual([]);
  });

  it('announces PaymentCaptured once, when the merchant side first sees the capture', () => {
    const intent: IntentRecord = {
      intentId: 'pi-1',
      reservationId: 'r-1',
      userId: 'u-1',
      amount: 200,
      currency: 'KRW',
      webhookStatus: 'CAPTURED',
      events: [
        { eventId: 'ev-a', type: 'payment_intent.authorized', createdAt: '2026-12-24T11:00:01.000Z', data: { intentId: 'pi-1', reservationId: 'r-1', status: 'AUTHORIZED', amount: 200, currency: 'KRW' } },
        { eventId: 'ev-c', type: 'payment_intent.captured', createdAt: '2026-12-24T11:00:02.000Z', data: { intentId: 'pi-1', reservationId: 'r-1', status: 'CAPTURED', amount: 200, currency: 'KRW' } },
      ],
    };
    expect(eventsOfChange({ kind: 'paymentIntent', before: { webhookStatus: 'AUTHORIZED' }, after: intent })).toEqual([
      { detailType: 'PaymentCaptured', detail: { eventId: 'ev-c', occurredAt: '2026-12-24T11:00:02.000Z', intentId: 'pi-1', reservationId: 'r-1', userId: 'u-1', status: 'CAPTURED', amount: 200, currency: 'KRW' } },
    ]);
    expect(eventsOfChange({ kind: 'paymentIntent', before: { webhookStatus: 'CAPTURED' }, after: intent })).toEqual([]);
    expect(eventsOfChange({ kind: 'paymentIntent', before: { webhookStatus: 'PENDING' }, after: { ...intent, webhookStatus: 'AUTHORIZED' } })).toEqual([]);
  });

  it('announces a new BLOCKED audit row as AbuseBlocked, and neither an ALLOWED row nor a rewrite', () => {
    const entry = { auditId: 'a-1', action: 'HOLD' as const, result: 'BLOCKED' as const, rule: 'HOLD_BURST' as const, userId: 'u-1', clientAddress: 'h', requestId: 'q', at: at.toISOString(), retryAfterSeconds: 7 };
    expect(eventsOfChange({ kind: 'abuseAudit', created: true, entry })).toEqual([
      { detailType: 'AbuseBlocked', detail: { auditId: 'a-1', action: 'HOLD', rule: 'HOLD_BURST', userId: 'u-1', clientAddress: 'h', requestId: 'q', at: at.toISOString(), retryAfterSeconds: 7 } },
    ]);
    expect(eventsOfChange({ kind: 'abuseAudit', created: false, entry })).toEqual([]);
    expect(eventsOfChange({ kind: 'abuseAudit', created: true, entry: { ...entry, result: 'ALLOWED', rule: undefined } })).toEqual([]);
  });
});

describe('announcing a batch of stream records', () => {
  it('stops at the first record whose events cannot be published and names it, so the stream resumes there', async () => {
    const published: DomainEvent[] = [];
    let calls = 0;
    const announce = announceChanges({
      events: {
        publish: async (events) => {
          if (++calls === 2) throw new Error('bus unavailable');
          published.push(...events);
        },
      },
    });
    const expired = transition(held, 'EXPIRED', { at: new Date(at.getTime() + 60_000) });
    const result = await announce([
      { id: '1', change: { kind: 'reservation', after: held, releasedSeatIds: [] } },
      { id: '2', change: undefined },
      { id: '3', change: { kind: 'reservation', before: held, after: expired, releasedSeatIds: ['A-1-1'] } },
      { id: '4', change: { kind: 'reservation', after: { ...held, reservationId: 'r-2' }, releasedSeatIds: [] } },
    ]);
    expect(result).toEqual({ failedId: '3', published: 1 });
    expect(types(published)).toEqual(['ReservationHeld']);
  });
});
