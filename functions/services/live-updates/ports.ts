/** WebSocket connections watching a show's seat map (`{"action":"watchSeats","showId"}`). */
export interface SeatWatchers {
  watch(showId: string, connectionId: string, nowMs: number): Promise<void>;
  unwatch(showId: string, connectionId: string): Promise<void>;
  /** Removes the connection from every show it watches (`$disconnect`). */
  forget(connectionId: string): Promise<void>;
  /** The show's watchers whose watch has not lapsed by `nowMs` (lapsed ones are removed). */
  watchersOf(showId: string, nowMs: number): Promise<string[]>;
}

/** The waiting room as resale sees it: a buyer who freed seats gives their active slot to the next in line. */
export interface AdmissionSlots {
  releaseIfActive(concertId: string, userId: string): Promise<boolean>;
}
