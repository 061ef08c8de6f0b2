import type { SeatsMessage } from '#domain/realtime/messages';

/** A watching connection and its place in the show's fan-out order (stable until it watches again). */
export interface Watcher {
  connectionId: string;
  order: number;
}

/** When each slice of a show's last fan-out was done: `[order of the slice's last watcher, done at ms]`, ascending. */
export type FanOutMarks = ReadonlyArray<readonly [order: number, doneAtMs: number]>;

/** One slice of a show's SEATS fan-out, sent by one invocation. */
export interface FanOutPart {
  showId: string;
  version: number;
  index: number;
  message: SeatsMessage;
  watchers: Watcher[];
  /** The marks the show's previous fan-out left, which pace this one. */
  last: FanOutMarks;
}

/** Hands fan-out parts to parallel invocations (the seat fan-out queue). */
export interface FanOutParts {
  /** Answers the parts it could not hand over, which the caller sends itself. */
  dispatch(parts: readonly FanOutPart[]): Promise<FanOutPart[]>;
}

/** WebSocket connections watching a show's seat map (`{"action":"watchSeats","showId"}`). */
export interface SeatWatchers {
  watch(showId: string, connectionId: string, nowMs: number): Promise<void>;
  unwatch(showId: string, connectionId: string): Promise<void>;
  /** Removes the connection from every show it watches (`$disconnect`). */
  forget(connectionId: string): Promise<void>;
  /** The show's watchers whose watch has not lapsed by `nowMs` (lapsed ones are removed), in fan-out order. */
  watchersOf(showId: string, nowMs: number): Promise<Watcher[]>;
  /** The marks the show's last finished fan-out left, in watch order; none when it had none lately. */
  lastFanOut(showId: string): Promise<FanOutMarks>;
  /** A version's fan-out begins, in `parts` parts. */
  startFanOut(showId: string, version: number, parts: number): Promise<void>;
  /** Records a part's marks; true for the part that finished the version's fan-out (its marks become the last). */
  partDone(showId: string, version: number, part: number, marks: FanOutMarks): Promise<boolean>;
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
