/** WebSocket connections watching a show's seat map (`{"action":"watchSeats","showId"}`). */
export interface SeatWatchers {
  watch(showId: string, connectionId: string): Promise<void>;
  unwatch(showId: string, connectionId: string): Promise<void>;
  watchersOf(showId: string): Promise<string[]>;
}

/** The waiting room as resale sees it: a buyer who freed seats gives their active slot to the next in line. */
export interface AdmissionSlots {
  releaseIfActive(concertId: string, userId: string): Promise<boolean>;
}
