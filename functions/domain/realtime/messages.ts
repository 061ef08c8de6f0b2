import type { ReservationStatus } from '#domain/reservations/reservation';
import type { SeatStatus } from '#domain/seat';

/**
 * Every message the server pushes over the WebSocket (api.md, WebSocket), one discriminated union on `type`. The push
 * port accepts only `ServerMessage`, so a push built anywhere else does not compile; the web app imports these types
 * (type-only) instead of restating them. Type aliases rather than interfaces, so a message is also a plain
 * `Record<string, unknown>` to the adapters that serialize it.
 */
export type RankUpdateMessage = {
  type: 'RANK_UPDATE';
  concertId: string;
  position: number;
  ahead: number;
  etaSeconds: number;
  ts: string;
};

export type ActiveMessage = {
  type: 'ACTIVE';
  concertId: string;
  admissionToken: string;
  activeExpiresAt: string;
  ts: string;
};

export type ExpiredMessage = {
  type: 'EXPIRED';
  concertId: string;
  ts: string;
};

export type SeatChangeEntry = {
  seatId: string;
  status: SeatStatus;
};

/** One coalesced interval of seat changes; `version` is the availability version after them. */
export type SeatsMessage = {
  type: 'SEATS';
  showId: string;
  version: number;
  changes: SeatChangeEntry[];
  ts: string;
};

export type ReservationMessage = {
  type: 'RESERVATION';
  reservationId: string;
  status: ReservationStatus;
  ts: string;
};

export type PongMessage = {
  type: 'PONG';
  ts: string;
};

/** The answer to a message with no known `action` (`$default`). */
export type ErrorMessage = {
  type: 'ERROR';
  code: 'UNKNOWN_ACTION';
  message: string;
  ts: string;
};

export type ServerMessage = RankUpdateMessage | ActiveMessage | ExpiredMessage | SeatsMessage | ReservationMessage | PongMessage | ErrorMessage;
export type ServerMessageType = ServerMessage['type'];

export const rankUpdate = (concertId: string, position: number, etaSeconds: number, at: Date): RankUpdateMessage => ({
  type: 'RANK_UPDATE',
  concertId,
  position,
  ahead: Math.max(0, position - 1),
  etaSeconds,
  ts: at.toISOString(),
});

export const activeMessage = (concertId: string, admissionToken: string, activeExpiresAt: string, at: Date): ActiveMessage => ({
  type: 'ACTIVE',
  concertId,
  admissionToken,
  activeExpiresAt,
  ts: at.toISOString(),
});

export const expiredMessage = (concertId: string, at: Date): ExpiredMessage => ({ type: 'EXPIRED', concertId, ts: at.toISOString() });

export const seatsMessage = (showId: string, version: number, changes: SeatChangeEntry[], at: Date): SeatsMessage => ({
  type: 'SEATS',
  showId,
  version,
  changes,
  ts: at.toISOString(),
});

export const reservationMessage = (reservationId: string, status: ReservationStatus, at: Date): ReservationMessage => ({
  type: 'RESERVATION',
  reservationId,
  status,
  ts: at.toISOString(),
});

export const pongMessage = (at: Date): PongMessage => ({ type: 'PONG', ts: at.toISOString() });

export const unknownActionMessage = (at: Date): ErrorMessage => ({
  type: 'ERROR',
  code: 'UNKNOWN_ACTION',
  message: 'Send {"action": "subscribe" | "unsubscribe" | "watchSeats" | "unwatchSeats" | "ping", ...}',
  ts: at.toISOString(),
});
