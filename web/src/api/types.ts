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
import type { paths } from './schema';

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

type ShowPath = '/v1/concerts/{concertId}/shows/{showId}';
type Ok<P extends keyof paths> = paths[P]['get'] extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

/** GET …/layout and …/availability: generated from docs/openapi.json like every typed route. */
export type Layout = Ok<`${ShowPath}/layout`>;
export type Availability = Ok<`${ShowPath}/availability`>;

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
