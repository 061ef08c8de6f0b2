import type { SeatOffer } from '#domain/reservations/reservation';

export function offerFromSeatItem(item: Record<string, unknown>): SeatOffer {
  return {
    seatId: String(item.seatId),
    section: String(item.section),
    row: Number(item.row),
    number: Number(item.number),
    grade: String(item.grade),
    price: Number(item.price),
    concertId: String(item.concertId),
    currency: String(item.currency),
  };
}

/** A HELD seat whose hold has lapsed counts as AVAILABLE to the hold path and the seat map. */
export function isFreeAt(item: Record<string, unknown>, nowIso: string): boolean {
  if (item.status === 'AVAILABLE') return true;
  return item.status === 'HELD' && typeof item.holdExpiresAt === 'string' && item.holdExpiresAt < nowIso;
}
