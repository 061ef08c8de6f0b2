/** WebSocket connections watching a show's seat map (`{"action":"watchSeats","showId"}`). */
export interface SeatWatchers {
  watch(showId: string, connectionId: string, nowMs: number): Promise<void>;
  unwatch(showId: string, connectionId: string): Promise<void>;
  /** Removes the connection from every show it watches (`$disconnect`). */
  forget(connectionId: string): Promise<void>;
  /** The show's watchers whose watch has not lapsed by `nowMs` (lapsed ones are removed). */
  watchersOf(showId: string, nowMs: number): Promise<string[]>;
}

/**
 * Releases whose slot was already given up: a `SeatsReleased` delivered again (the change stream and EventBridge both
 * deliver at least once) must not evict the same buyer a second time, by then perhaps back in line and admitted anew.
 */
export interface ResaleMarks {
  seen(concertId: string, reservationId: string): Promise<boolean>;
  mark(concertId: string, reservationId: string): Promise<void>;
}

/** The waiting room as resale sees it: a buyer who freed seats gives their active slot to the next in line. */
export interface AdmissionSlots {
  releaseIfActive(concertId: string, userId: string): Promise<boolean>;
}
