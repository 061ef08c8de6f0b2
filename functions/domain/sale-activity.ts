import type { Reservation } from '#domain/reservations/reservation';

/**
 * What the ops console charts from a concert's reservations: per minute of the window, how many holds were made,
 * how many sold (confirmed), expired and were cancelled; and how the payments that ended in the window turned out.
 */
export interface MinuteActivity {
  /** Start of the minute, ISO-8601 UTC. */
  minute: string;
  holds: number;
  sales: number;
  expiries: number;
  cancellations: number;
}

export interface SaleActivity {
  windowMinutes: number;
  minutes: MinuteActivity[];
  payments: { confirmed: number; expiredUnpaid: number; expiredOnHold: number; refunded: number; paying: number };
}

const MINUTE_MS = 60_000;

export function saleActivity(reservations: Reservation[], now: Date, windowMinutes: number): SaleActivity {
  const end = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const start = end - (windowMinutes - 1) * MINUTE_MS;
  const minutes: MinuteActivity[] = Array.from({ length: windowMinutes }, (_, i) => ({ minute: new Date(start + i * MINUTE_MS).toISOString(), holds: 0, sales: 0, expiries: 0, cancellations: 0 }));
  const bucket = (iso: string | undefined) => {
    if (!iso) return undefined;
    const t = Date.parse(iso);
    return t >= start && t < end + MINUTE_MS ? minutes[Math.floor((t - start) / MINUTE_MS)] : undefined;
  };
  const payments = { confirmed: 0, expiredUnpaid: 0, expiredOnHold: 0, refunded: 0, paying: 0 };
  for (const r of reservations) {
    const held = bucket(r.heldAt);
    if (held) held.holds++;
    const sold = bucket(r.confirmedAt);
    if (sold) {
      sold.sales++;
      payments.confirmed++;
    }
    const expired = bucket(r.expiredAt);
    if (expired) {
      expired.expiries++;
      // An expiry with a payment intent lapsed while paying; without one, the hold was never paid for.
      if (r.paymentIntentId) payments.expiredUnpaid++;
      else payments.expiredOnHold++;
    }
    const cancelled = bucket(r.cancelledAt);
    if (cancelled) cancelled.cancellations++;
    if (bucket(r.refundedAt)) payments.refunded++;
    if (r.status === 'PAYING') payments.paying++;
  }
  return { windowMinutes, minutes, payments };
}
