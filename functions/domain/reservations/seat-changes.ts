import { DetailType } from '#domain/events';
import type { SeatStatus } from '#domain/seat';

/**
 * What a reservation event did to its seats, as the seat map records it. Events may arrive late, twice or out of
 * order, so each carries an order: the reservation id (a ULID: a seat's later reservations have larger ids, since a
 * seat is held again only after its previous hold ended) and the step of that reservation's life (`rank`). A change
 * older than the one a seat last took is ignored.
 */
export interface SeatChange {
  concertId: string;
  showId: string;
  seatIds: string[];
  status: SeatStatus;
  reservationId: string;
  rank: number;
  /** A HELD seat's deadline (the hold's, then the payment's), after which it reads AVAILABLE. */
  holdExpiresAt?: string;
}

const STEPS: Record<string, { status: SeatStatus; rank: number; deadline?: 'holdExpiresAt' | 'paymentExpiresAt' }> = {
  [DetailType.ReservationHeld]: { status: 'HELD', rank: 1, deadline: 'holdExpiresAt' },
  [DetailType.ReservationPaying]: { status: 'HELD', rank: 2, deadline: 'paymentExpiresAt' },
  [DetailType.ReservationConfirmed]: { status: 'SOLD', rank: 3 },
  [DetailType.SeatsReleased]: { status: 'AVAILABLE', rank: 4 },
};

/** The rank a seat item's own status stands for when the seat map is rebuilt from the table. */
export const RANK_OF_STATUS: Record<SeatStatus, number> = { AVAILABLE: 4, HELD: 1, SOLD: 3 };

export interface ReservationEventDetail {
  reservationId: string;
  concertId: string;
  showId: string;
  seatIds: string[];
  holdExpiresAt?: string;
  paymentExpiresAt?: string;
}

/** The seat change a reservation event stands for; undefined when it changed no seat. */
export function seatChangeOf(detailType: string, detail: ReservationEventDetail): SeatChange | undefined {
  const step = STEPS[detailType];
  if (!step || !detail.seatIds.length) return undefined;
  const holdExpiresAt = step.deadline ? detail[step.deadline] : undefined;
  return {
    concertId: detail.concertId,
    showId: detail.showId,
    seatIds: detail.seatIds,
    status: step.status,
    reservationId: detail.reservationId,
    rank: step.rank,
    ...(holdExpiresAt ? { holdExpiresAt } : {}),
  };
}
