/** A watching connection and its place in the show's fan-out order (stable until it watches again). */
export interface Watcher {
  connectionId: string;
  order: number;
}

/** When each slice of a show's last fan-out was done: `[order of the slice's last watcher, done at ms]`, ascending. */
export type FanOutMarks = ReadonlyArray<readonly [order: number, doneAtMs: number]>;

/** WebSocket connections watching a show's seat map (`{"action":"watchSeats","showId"}`). */
export interface SeatWatchers {
  watch(showId: string, connectionId: string, nowMs: number): Promise<void>;
  unwatch(showId: string, connectionId: string): Promise<void>;
  /** Removes the connection from every show it watches (`$disconnect`). */
  forget(connectionId: string): Promise<void>;
  /** The show's watchers whose watch has not lapsed by `nowMs` (lapsed ones are removed), in fan-out order. */
  watchersOf(showId: string, nowMs: number): Promise<Watcher[]>;
  /** The marks the show's last fan-out left; none when it had none lately. */
  lastFanOut(showId: string): Promise<FanOutMarks>;
  recordFanOut(showId: string, marks: FanOutMarks): Promise<void>;
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
