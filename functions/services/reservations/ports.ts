import type { Reservation, SeatOffer } from '#domain/reservations/reservation';
import type { SalesPolicy, SalesPolicyInput } from '#domain/sales-policy';

/** Seat facts a hold needs (concert, grade, price), keyed by seatId; missing seats are absent from the map. */
export interface SeatCatalog {
  offers(showId: string, seatIds: readonly string[]): Promise<Map<string, SeatOffer>>;
  /** Replaces what is known about seats whose stored facts turned out to differ. */
  refresh(showId: string, offers: readonly SeatOffer[]): void;
  showExists(showId: string): Promise<boolean>;
}

export type HoldOutcome =
  | { ok: true }
  | { ok: false; reason: 'SEATS_TAKEN'; seatIds: string[] }
  | { ok: false; reason: 'SEATS_GONE'; seatIds: string[] }
  | { ok: false; reason: 'LIMIT'; held: number }
  /** The buyer's own counter was locked by another of their holds in flight. */
  | { ok: false; reason: 'BUSY' }
  /** The seats were free but their price or grade changed since we read them. */
  | { ok: false; reason: 'STALE_OFFER'; offers: SeatOffer[] };

/** Writes a hold as one all-or-nothing transaction (seats, the buyer's ticket counter, the reservation). */
export interface HoldWriter {
  hold(reservation: Reservation, limit: { maxTicketsPerUser: number }): Promise<HoldOutcome>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ReservationReader {
  get(reservationId: string): Promise<Reservation | undefined>;
  listOfUser(userId: string, query: { status?: Reservation['status']; limit: number; cursor?: string }): Promise<Page<Reservation>>;
}

export type ReleaseOutcome = { ok: true; releasedSeatIds: string[] } | { ok: false; reason: 'RESERVATION_CHANGED' };

/**
 * Moves a reservation to a state that frees its seats, in one transaction: the reservation (conditioned on its
 * status and version), every seat still held by it back to AVAILABLE, and the buyer's ticket counter decremented.
 */
export interface ReservationReleaser {
  release(current: Reservation, next: Reservation): Promise<ReleaseOutcome>;
}

export interface SalesPolicyStore {
  /** The stored policy, read strongly consistent so a change applies to the very next hold. */
  get(concertId: string): Promise<SalesPolicy | undefined>;
  put(concertId: string, input: SalesPolicyInput, at: Date): Promise<SalesPolicy>;
  concertExists(concertId: string): Promise<boolean>;
}

/** Starts and stops the per-hold deadline (a Step Functions execution in AWS). */
export interface HoldDeadlines {
  start(reservationId: string, holdExpiresAt: string): Promise<void>;
  stop(reservationId: string): Promise<void>;
}

export interface OverdueMarker {
  reservationId: string;
  phase: 'HOLD' | 'PAYING';
  deadline: string;
}

/** Deadlines no execution is watching, for the sweeper to enforce. */
export interface OverdueHolds {
  remember(marker: OverdueMarker): Promise<void>;
  /** Markers whose deadline fell in the `windowMinutes` minutes up to `now`, oldest first (a bounded number per call). */
  due(now: Date, windowMinutes: number): Promise<OverdueMarker[]>;
  forget(marker: OverdueMarker): Promise<void>;
}

export type TransitionOutcome =
  | { ok: true; releasedSeatIds: string[] }
  | { ok: false; reason: 'RESERVATION_CHANGED' }
  /** A seat is no longer held by this reservation (its hold lapsed and another buyer took it). */
  | { ok: false; reason: 'SEATS_LOST'; seatIds: string[] };

/** Writes one state change together with what it means for the seats, as one transaction. */
export interface ReservationTransitions {
  apply(current: Reservation, next: Reservation): Promise<TransitionOutcome>;
}

/** When a show starts (the refund window closes `refundCutoffHours` before it). */
export interface ShowSchedule {
  startsAt(concertId: string, showId: string): Promise<string | undefined>;
}

/** An ADMIN's refund inside the cutoff window (api.md: the refund audit lists admin overrides). */
export interface RefundAuditEntry {
  auditId: string;
  at: string;
  action: 'CANCEL' | 'REFUND';
  adminId: string;
  reservationId: string;
  userId: string;
  concertId: string;
  showId: string;
  paymentIntentId?: string;
  amount: number;
  currency: string;
  showStartsAt: string;
  refundCutoffHours: number;
}

export interface RefundAudit {
  record(entry: RefundAuditEntry): Promise<void>;
  /** Newest first. */
  list(query: { limit: number; cursor?: string }): Promise<Page<RefundAuditEntry>>;
}
