/**
 * WebSocket messages (api.md, WebSocket). The waiting room's come type-only from the server's message module; the
 * seat and reservation pushes are built inline by their services today, so their shape is restated here from api.md.
 */
import type { activeMessage, expiredMessage, rankUpdate } from '../../../functions/domain/waiting-room/messages';

type Tagged<F extends (...args: never[]) => object, T extends string> = Omit<ReturnType<F>, 'type'> & { type: T };

export type RankUpdate = Tagged<typeof rankUpdate, 'RANK_UPDATE'>;
export type ActiveMessage = Tagged<typeof activeMessage, 'ACTIVE'>;
export type ExpiredMessage = Tagged<typeof expiredMessage, 'EXPIRED'>;
export interface SeatsMessage {
  type: 'SEATS';
  showId: string;
  version?: number;
  changes: Array<{ seatId: string; status: 'AVAILABLE' | 'HELD' | 'SOLD' }>;
  ts: string;
}
export interface ReservationMessage {
  type: 'RESERVATION';
  reservationId: string;
  status: string;
  ts: string;
}
export type ServerMessage = RankUpdate | ActiveMessage | ExpiredMessage | SeatsMessage | ReservationMessage | { type: 'PONG'; ts: string };
