import { toIso } from '#platform/clock';
import { DomainError, validationFailed, type ValidationIssue } from '#domain/errors';
import type { ConcertInput } from '#domain/catalog/schemas';
import { capacityOf, MAX_SEATS_PER_CONCERT, unpricedGrades } from '#domain/catalog/seat-layout';
import type { Concert } from '#domain/catalog/types';
import { fingerprintOf } from '#services/idempotency';
import type { CatalogDeps } from './ports';
import { generateSeats } from './generate-seats';
import { invalidateReads } from './invalidate-reads';

/**
 * Creates a concert, its shows and every show's seats. Under an `Idempotency-Key` the ids are planned once and
 * stored, so a replay returns the same concert and a retry after a failure half-way resumes where it stopped
 * (seat generation writes only missing seats). The concert stays GENERATING — invisible to the public — until
 * every seat exists. This is why it claims ids up front instead of using #services/idempotency, which releases a
 * failed key and would start a second concert beside the half-built one; the body fingerprint is the same.
 */
export async function createConcert(deps: CatalogDeps, input: ConcertInput, idempotencyKey?: string): Promise<Concert> {
  const [artist, agency, venue] = await Promise.all([
    deps.store.get('ARTIST', input.artistId),
    deps.store.get('AGENCY', input.agencyId),
    deps.store.get('VENUE', input.venueId),
  ]);
  const issues: ValidationIssue[] = [];
  if (!artist) issues.push({ in: 'body', path: 'artistId', message: `No artist ${input.artistId}` });
  if (!agency) issues.push({ in: 'body', path: 'agencyId', message: `No agency ${input.agencyId}` });
  if (!venue) issues.push({ in: 'body', path: 'venueId', message: `No venue ${input.venueId}` });
  const unpriced = venue ? unpricedGrades(venue.layout.sections, input.priceTiers) : [];
  if (unpriced.length) issues.push({ in: 'body', path: 'priceTiers', message: `No price for grade(s) ${unpriced.join(', ')} used by the venue's layout` });
  const seats = venue ? capacityOf(venue.layout.sections) * input.shows.length : 0;
  if (seats > MAX_SEATS_PER_CONCERT) issues.push({ in: 'body', path: 'shows', message: `${seats} seats in one request; at most ${MAX_SEATS_PER_CONCERT}` });
  if (issues.length || !artist || !venue) throw validationFailed(issues);

  const fingerprint = fingerprintOf(input);
  const planned = { fingerprint, concertId: deps.ids.next(), showIds: input.shows.map(() => deps.ids.next()) };
  const claim = idempotencyKey ? await deps.store.claimCreation(idempotencyKey, planned) : planned;
  if (claim.fingerprint !== fingerprint) {
    throw new DomainError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different body');
  }

  const now = toIso(deps.clock.now());
  const draft: Concert = {
    concertId: claim.concertId,
    title: input.title,
    artistId: input.artistId,
    agencyId: input.agencyId,
    venueId: input.venueId,
    genre: input.genre ?? artist.genre,
    description: input.description ?? '',
    priceTiers: input.priceTiers,
    shows: input.shows.map((s, i) => ({ showId: claim.showIds[i] ?? deps.ids.next(), startsAt: toIso(new Date(s.startsAt)) })),
    status: 'GENERATING',
    createdAt: now,
    updatedAt: now,
  };
  const concert = (await deps.store.create('CONCERT', draft)) ? draft : await deps.store.get('CONCERT', draft.concertId);
  if (!concert) throw new Error(`Concert ${draft.concertId} exists and does not`);
  if (concert.status === 'READY') return concert;

  const capacity = capacityOf(venue.layout.sections);
  for (const show of concert.shows) {
    await deps.store.putShow(concert, show, capacity);
    await generateSeats(deps, concert, show, venue.layout.sections);
  }
  const ready = await deps.store.update('CONCERT', concert.concertId, { status: 'READY', updatedAt: toIso(deps.clock.now()) });
  await invalidateReads(deps, [concert.concertId]);
  return ready ?? concert;
}
