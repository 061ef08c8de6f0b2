/**
 * Response shapes, imported type-only from the server's domain modules so the app and the API cannot drift
 * (the OpenAPI document types paths, parameters and bodies; its success responses are not schematized yet).
 */
import type { ConcertDetail } from '../../../functions/domain/catalog/concert-detail';
import type { ConcertListing } from '../../../functions/domain/catalog/search-concerts';
import type { SalePhase } from '../../../functions/domain/catalog/sales-policy-summary';
import type { ReservationView } from '../../../functions/domain/reservations/reservation';
import type { QueueStatus as DomainQueueStatus } from '../../../functions/domain/waiting-room/queue-status';
import type { QueueConfig } from '../../../functions/domain/waiting-room/queue-config';
import type { IntentStatus } from '../../../functions/domain/payments/payment-intent';
import type { SeatPlace, SeatStatus } from '../../../functions/domain/seat';

export type { ConcertDetail, ReservationView as Reservation, QueueConfig, SeatStatus };

export type ConcertSummary = Omit<ConcertListing, 'searchText' | 'searchInitials' | 'policy'> & { onSale: boolean; salePhase: SalePhase; popularity: number };

/** QueueStatus with the pacing hints issue 12b adds (api.md): honoured when present. */
export type QueueStatus = DomainQueueStatus & { pollAfterSeconds?: number; connect?: boolean };
export type JoinResult = QueueStatus | { status: 'PENDING'; ticketId: string };

export interface UserView {
  id?: string;
  userId?: string;
  nickname: string;
  role: 'USER' | 'ADMIN';
  tier: string;
}

/** A sign-in or refresh answer in cookie mode: the refresh token travels only in the HttpOnly cookie. */
export interface SessionPair {
  accessToken: string;
  accessTokenExpiresInSeconds: number;
  user: UserView;
}

export interface PayResult {
  reservation: ReservationView;
  paymentIntent: { intentId: string; status: IntentStatus; failureReason?: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type SeatRow = SeatPlace & { status: SeatStatus };

/** GET …/layout (api.md): static per show. */
export interface Layout {
  showId: string;
  version?: number | string;
  stage?: unknown;
  sections: Array<{ name: string; grade: string; price: number; currency: string; rows: number; seatsPerRow: number }>;
}

/** GET …/availability (api.md): 2 bits per seat, row-major, first seat in the high bits of the first byte. */
export interface Availability {
  showId: string;
  version: number;
  sections: Array<{ name: string; available: number; held: number; sold: number; bits: string }>;
}

export interface QueueStats {
  waiting: number;
  active: number;
  admittedTotal: number;
  admitPerSecond: number;
  maxActive: number;
}

export interface Challenge {
  challengeId: string;
  salt: string;
  difficulty: number;
  expiresAt: string;
}
