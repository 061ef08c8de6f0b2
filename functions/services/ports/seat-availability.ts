/**
 * The live availability of a show's seats: a show-wide bit string of 2-bit codes (see domain/catalog/availability.ts)
 * with a version, fed by seat changes and read by the availability and seat-list routes and the SEATS pushes.
 */

/** One seat's new state. `slot` is its 2-bit position; `reservationId` + `rank` order its changes (seat-changes.ts). */
export interface SeatState {
  slot: number;
  code: number;
  reservationId: string;
  rank: number;
  /** When a HELD seat's hold lapses (epoch ms); 0 for any other status. */
  holdExpiresAtMs: number;
}

/** One published version and the seats it changed. */
export interface PublishedChanges {
  version: number;
  changes: Array<{ slot: number; code: number }>;
}

export interface AvailabilityStore {
  /**
   * Queues seat states for the next version; a state older than one already recorded for the seat is ignored, so
   * events may arrive late, twice or out of order. Returns `flushAt` (epoch ms) when this call opened the show's
   * interval: the caller publishes and pushes at that instant; every other change in the interval rides along.
   */
  record(showId: string, seats: readonly SeatState[], nowMs: number, intervalMs: number): Promise<{ flushAt?: number }>;
  /**
   * Applies queued states and lapsed holds as one new version (none when nothing changed) and hands over, once, every
   * version not yet pushed. `missing` when Redis holds no state for the show (never built, or lost).
   */
  publish(showId: string, nowMs: number): Promise<{ version: number; unpushed: PublishedChanges[] } | 'missing'>;
  /**
   * The current bit string and version, after publishing holds that lapsed by `nowMs` (so a lapsed hold reads as
   * AVAILABLE, as the hold rule treats it). Without the bits when the version equals `knownVersion`.
   */
  read(showId: string, nowMs: number, knownVersion?: number): Promise<{ version: number; doc?: Buffer } | 'missing'>;
  /**
   * Pushes of one show go out in version order: the pusher of `version` waits (at most `timeoutMs`) until the
   * pushes of every earlier version were sent, so a watcher never sees version n+1 before n.
   */
  awaitTurn(showId: string, version: number, timeoutMs: number): Promise<void>;
  /** Waits (at most `timeoutMs`) until every version handed to the pushers was sent. */
  awaitPushesSent(showId: string, timeoutMs: number): Promise<void>;
  /** Marks the pushes up to `version` as sent. */
  markSent(showId: string, version: number): Promise<void>;
  /** True for the one caller that should rebuild a missing show; the lock lapses on its own. */
  claimRebuild(showId: string): Promise<boolean>;
  /** Stores the bit string built from every seat of the show (only after `missing`). */
  rebuild(showId: string, doc: Buffer, seats: readonly SeatState[], nowMs: number): Promise<void>;
}
