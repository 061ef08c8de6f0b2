import { seatChangeOf } from '#domain/reservations/seat-changes';
import { DetailType } from '#domain/events';
import type { WaitingRoomQueue } from '#services/waiting-room/waiting-room-queue';
import type { AdmissionSlots, ResaleMarks } from './ports';
import type { seatWatch } from './seat-watch';

export interface SeatsReleasedDetail {
  reservationId: string;
  userId: string;
  concertId: string;
  showId: string;
  seatIds: string[];
}

/**
 * Resale of freed seats: they are already AVAILABLE in the table (the releasing transaction did that); here the
 * change is recorded into the show's availability (and pushed to watchers with the interval's others), and the buyer who freed them gives up an active waiting-room slot, so
 * the admission loop's next tick admits the next waiting user into the freed capacity. A buyer whose slot had
 * already lapsed frees nothing more: the loop admits for that lapse on its own. An event seen twice changes nothing:
 * the seat change is ranked (an older or equal one is ignored) and a release gives up a slot once.
 */
export function resellReleasedSeats(deps: { seats: Pick<ReturnType<typeof seatWatch>, 'announce'>; slots: AdmissionSlots; marks: ResaleMarks }) {
  async function releaseSlotOnce(detail: SeatsReleasedDetail): Promise<boolean> {
    if (await deps.marks.seen(detail.concertId, detail.reservationId)) return false;
    const released = await deps.slots.releaseIfActive(detail.concertId, detail.userId);
    await deps.marks.mark(detail.concertId, detail.reservationId);
    return released;
  }

  return async function resell(detail: SeatsReleasedDetail): Promise<{ pushed: number; slotReleased: boolean }> {
    const touched = seatChangeOf(DetailType.SeatsReleased, detail);
    const [announced, slotReleased] = await Promise.all([touched ? deps.seats.announce(touched) : { pushed: 0 }, releaseSlotOnce(detail)]);
    return { pushed: announced.pushed, slotReleased };
  };
}

/** The waiting room's line as AdmissionSlots: a user whose status is ACTIVE leaves, freeing the slot for the next tick. */
export function admissionSlotsOf(queue: () => Pick<WaitingRoomQueue, 'status' | 'leave'>): AdmissionSlots {
  return {
    async releaseIfActive(concertId, userId) {
      if ((await queue().status(concertId, userId)).status !== 'ACTIVE') return false;
      await queue().leave(concertId, userId);
      return true;
    },
  };
}
