import { dependencyUnavailable } from '#platform/errors';
import { STATUS_CODE, setCode, type SeatSlots, type ShowLayout } from '#domain/catalog/availability';
import { effectiveStatus } from '#domain/catalog/seat-map';
import type { Seat } from '#domain/catalog/types';
import { RANK_OF_STATUS, type SeatChange } from '#domain/reservations/seat-changes';
import type { PublishedChanges, SeatState } from '#services/ports/seat-availability';
import type { CatalogDeps } from './ports';
import { singleFlight } from './single-flight';

/**
 * Live availability of a show, kept in Redis as versions fed by seat changes (see adapters/redis/seat-availability.ts).
 * When Redis holds nothing for a show (never built, or the cache lost its data) it is rebuilt once from the table:
 * one container claims the rebuild and queries the show, the others wait for its result (REBUILD_WAIT_MS at most,
 * then 503 with Retry-After), and concurrent readers inside a container share one wait.
 */
export type Shown = { layout: ShowLayout; slots: SeatSlots };

const REBUILD_WAIT_MS = 10_000;
const REBUILD_POLL_MS = 100;
const rebuilds = singleFlight<void>();

/** A seat item as a recorded state: what a rebuild from the table knows. */
function stateOf(slots: SeatSlots, seat: Seat, now: Date): SeatState | undefined {
  const slot = slots.slotOf(seat.seatId);
  if (slot === undefined) return undefined;
  const status = effectiveStatus(seat, now);
  const holdExpiresAtMs = status === 'HELD' && seat.holdExpiresAt ? Date.parse(seat.holdExpiresAt) : 0;
  return { slot, code: STATUS_CODE[status], reservationId: seat.reservationId ?? '', rank: RANK_OF_STATUS[seat.status], holdExpiresAtMs };
}

async function rebuild(deps: CatalogDeps, { layout, slots }: Shown): Promise<void> {
  await rebuilds(layout.showId, async () => {
    if (await deps.availability.claimRebuild(layout.showId)) {
      const now = deps.clock.now();
      const states = (await deps.seats.seatsOfShow(layout.showId)).flatMap((s) => stateOf(slots, s, now) ?? []);
      const doc = Buffer.alloc(slots.totalBytes);
      for (const s of states) setCode(doc, s.slot, s.code);
      await deps.availability.rebuild(layout.showId, doc, states, now.getTime());
      return;
    }
    const deadline = Date.now() + REBUILD_WAIT_MS;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, REBUILD_POLL_MS));
      if ((await deps.availability.read(layout.showId, deps.clock.now().getTime(), -1)) !== 'missing') return;
    }
    throw dependencyUnavailable('availability', 1);
  });
}

/** The show's bit string and version; without the bits when the version equals `knownVersion`. */
export async function currentAvailability(deps: CatalogDeps, shown: Shown, knownVersion?: number): Promise<{ version: number; doc?: Buffer }> {
  for (let attempt = 0; ; attempt++) {
    const read = await deps.availability.read(shown.layout.showId, deps.clock.now().getTime(), knownVersion);
    if (read !== 'missing') return read;
    if (attempt > 0) throw dependencyUnavailable('availability', 1);
    await rebuild(deps, shown);
  }
}

/**
 * Records seat changes from their events alone, in one call: no read of the table, so changes cost O(their seats) in
 * Redis. `flushAt` is set when this call opened the show's push interval.
 */
export async function recordSeatChanges(deps: CatalogDeps, shown: Shown, changes: readonly SeatChange[], intervalMs: number): Promise<{ flushAt?: number }> {
  const states = changes.flatMap((change) => {
    const holdExpiresAtMs = change.status === 'HELD' && change.holdExpiresAt ? Date.parse(change.holdExpiresAt) : 0;
    return change.seatIds.flatMap((seatId) => {
      const slot = shown.slots.slotOf(seatId);
      return slot === undefined ? [] : [{ slot, code: STATUS_CODE[change.status], reservationId: change.reservationId, rank: change.rank, holdExpiresAtMs }];
    });
  });
  return deps.availability.record(shown.layout.showId, states, deps.clock.now().getTime(), intervalMs);
}

export const recordSeatChange = (deps: CatalogDeps, shown: Shown, change: SeatChange, intervalMs: number) => recordSeatChanges(deps, shown, [change], intervalMs);

/** Publishes what was recorded as a new version and returns the versions no pusher has taken yet. */
export async function publishChanges(deps: CatalogDeps, shown: Shown): Promise<{ version: number; unpushed: PublishedChanges[] }> {
  for (let attempt = 0; ; attempt++) {
    const published = await deps.availability.publish(shown.layout.showId, deps.clock.now().getTime());
    if (published !== 'missing') return published;
    if (attempt > 0) throw dependencyUnavailable('availability', 1);
    await rebuild(deps, shown);
  }
}
