import type { SeatChange } from '#domain/reservations/seat-changes';

/**
 * Seat changes handed to the live seat map the moment they commit, ahead of the table's change stream. A hold posts
 * its seats here; the show's next SEATS version takes them, so in a busy show a hold reaches the watchers without
 * waiting for the stream (a shard read, about four a second, then the consumer and the event rule). The stream still
 * records every change, and a change recorded twice is recorded once, so a post that is lost, late or never taken
 * costs latency only, never a change.
 */
export interface SeatChangeInbox {
  /** Leaves a committed change for the show's next version. */
  post(change: SeatChange): Promise<void>;
  /** Takes the changes left for the show since the last take, oldest first. */
  take(showId: string): Promise<SeatChange[]>;
}
