import { DomainError, notFound } from '#domain/errors';
import type { CatalogDeps } from './ports';
import { invalidateReads } from './invalidate-reads';

/**
 * Deletes a concert with its shows, seats, sales policy and popularity counter. A concert with any reservation
 * (whatever its status — tickets, refunds and the audit trail point at it) is refused with 409.
 */
export async function deleteConcert(deps: CatalogDeps, concertId: string): Promise<void> {
  const concert = await deps.store.get('CONCERT', concertId);
  if (!concert) throw notFound('Concert', concertId);
  if (await deps.store.hasReservations(concertId)) {
    throw new DomainError('CONFLICT', `Concert ${concertId} has reservations and cannot be deleted`, { concertId });
  }
  // The concert item goes last: if this fails half-way, a retry still finds it and finishes the job.
  for (const show of concert.shows) {
    await deps.seats.deleteSeats(show.showId);
    await deps.store.removeShow(concertId, show.showId);
  }
  await deps.store.removeSalesPolicy(concertId);
  await deps.popularity.forget(concertId);
  await deps.store.remove('CONCERT', concertId);
  await Promise.all([invalidateReads(deps, [concertId]), deps.layouts.invalidate(concert.shows.map((s) => `${concertId}/${s.showId}`))]);
}
