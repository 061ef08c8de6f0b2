import type { Principal } from '#domain/identity';
import { newHold, type Reservation, type SeatOffer } from '#domain/reservations/reservation';
import { admitBuyer, DEFAULT_SALES_POLICY } from '#domain/sales-policy';
import type { Clock } from '#platform/clock';
import { DomainError, notFound, validationFailed } from '#domain/errors';
import type { Ids } from '#platform/ids';
import { logger } from '#platform/logger';
import type { AdmissionGate } from '#services/ports/admission';
import type { HoldDeadlines, HoldWriter, SalesPolicyStore, SeatCatalog } from './ports';
import type { PopularitySink } from '#services/ports/popularity';
import type { SeatChangeInbox } from '#services/ports/seat-change-inbox';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { DetailType } from '#domain/events';

export interface HoldSeatsDeps {
  seats: SeatCatalog;
  policies: Pick<SalesPolicyStore, 'get'>;
  holds: HoldWriter;
  admission: AdmissionGate;
  deadlines: HoldDeadlines;
  clock: Clock;
  ids: Ids;
  popularity?: PopularitySink;
  /** Where the committed hold's seats go for the live seat map, ahead of the change stream. */
  seatChanges?: Pick<SeatChangeInbox, 'post'>;
}

export interface HoldSeatsCommand {
  principal: Pick<Principal, 'userId' | 'tier'>;
  showId: string;
  seatIds: string[];
  presaleCode?: string;
  admissionToken?: string;
}

/**
 * The hold: check the request against the show, the admission token and the sales policy, then one
 * all-or-nothing transaction. A lost seat is an immediate 409 — no retry, no lock. Only a price or grade change
 * under a cached seat (rare) earns one more try with the fresh facts.
 */
export function holdSeats(deps: HoldSeatsDeps) {
  return async function hold(cmd: HoldSeatsCommand): Promise<Reservation> {
    const { userId, tier } = cmd.principal;
    if (new Set(cmd.seatIds).size !== cmd.seatIds.length) {
      throw validationFailed([{ in: 'body', path: 'seatIds', message: 'must not repeat a seat' }]);
    }
    const offers = await deps.seats.offers(cmd.showId, cmd.seatIds);
    const unknown = cmd.seatIds.filter((id) => !offers.has(id));
    if (unknown.length === cmd.seatIds.length && !(await deps.seats.showExists(cmd.showId))) throw notFound('Show', cmd.showId);
    if (unknown.length) throw unknownSeats(cmd.seatIds, unknown);
    const seats = cmd.seatIds.map((id) => offers.get(id) as SeatOffer);
    const concertId = seats[0]?.concertId ?? '';

    await deps.admission.verify(cmd.admissionToken, userId, concertId);
    const policy = (await deps.policies.get(concertId)) ?? DEFAULT_SALES_POLICY;
    const now = deps.clock.now();
    admitBuyer(policy, { tier, presaleCode: cmd.presaleCode }, now);
    if (seats.length > policy.maxTicketsPerUser) {
      throw validationFailed([{ in: 'body', path: 'seatIds', message: `at most ${policy.maxTicketsPerUser} seats per buyer for this concert` }]);
    }

    let reservation = newHold({ reservationId: deps.ids.next(), userId, tier, showId: cmd.showId, seats, at: now, holdTtlSeconds: policy.holdTtlSeconds });
    let outcome = await deps.holds.hold(reservation, policy);
    if (!outcome.ok && outcome.reason === 'STALE_OFFER') {
      deps.seats.refresh(cmd.showId, outcome.offers);
      const fresh = new Map(outcome.offers.map((o) => [o.seatId, o]));
      reservation = newHold({ ...reservation, tier, seats: seats.map((s) => fresh.get(s.seatId) ?? s), at: now, holdTtlSeconds: policy.holdTtlSeconds });
      outcome = await deps.holds.hold(reservation, policy);
    }
    if (!outcome.ok) throw refusal(outcome, cmd.seatIds, policy.maxTicketsPerUser);

    await afterHold(deps, reservation);
    return reservation;
  };
}

/**
 * Starting the deadline, counting popularity and posting the seats to the live seat map run side by side; no failure
 * may undo a committed hold. `ReservationHeld` is not sent from here: the table's change stream announces the
 * committed reservation, and brings its seats to the seat map too when the post is lost.
 */
async function afterHold(deps: HoldSeatsDeps, r: Reservation): Promise<void> {
  const held = seatChangeOf(DetailType.ReservationHeld, { reservationId: r.reservationId, concertId: r.concertId, showId: r.showId, seatIds: r.seats.map((s) => s.seatId), holdExpiresAt: r.holdExpiresAt });
  const [deadline, counted, posted] = await Promise.allSettled([
    deps.deadlines.start(r.reservationId, r.holdExpiresAt),
    deps.popularity?.record(r.concertId, r.seats.length),
    held && deps.seatChanges?.post(held),
  ]);
  if (deadline.status === 'rejected') {
    // Neither the execution nor its fallback marker exists: only the lapsed-hold rule frees these seats now.
    logger.error('hold deadline not scheduled', { reservationId: r.reservationId, holdExpiresAt: r.holdExpiresAt, error: deadline.reason as Error });
  }
  if (counted.status === 'rejected') logger.warn('popularity not recorded', { concertId: r.concertId, error: counted.reason as Error });
  if (posted.status === 'rejected') logger.warn('held seats not posted to the seat map; the change stream brings them', { showId: r.showId, error: posted.reason as Error });
}

function unknownSeats(requested: string[], unknown: string[]): DomainError {
  return validationFailed(
    unknown.map((id) => ({ in: 'body' as const, path: `seatIds.${requested.indexOf(id)}`, message: `seat ${id} does not exist in this show` })),
    `Unknown seats: ${unknown.join(', ')}`,
  );
}

function refusal(outcome: Exclude<Awaited<ReturnType<HoldWriter['hold']>>, { ok: true }>, requested: string[], max: number): DomainError {
  switch (outcome.reason) {
    case 'SEATS_TAKEN':
      return new DomainError('SEAT_UNAVAILABLE', `Seat${outcome.seatIds.length > 1 ? 's' : ''} ${outcome.seatIds.join(', ')} ${outcome.seatIds.length > 1 ? 'are' : 'is'} held by another buyer`, { seatIds: outcome.seatIds });
    case 'LIMIT':
      return new DomainError('LIMIT_EXCEEDED', `At most ${max} tickets per buyer for this concert; you already hold ${outcome.held}`, { maxTicketsPerUser: max, held: outcome.held, requested: requested.length });
    case 'SEATS_GONE':
      return unknownSeats(requested, outcome.seatIds);
    case 'STALE_OFFER':
      return new DomainError('SEAT_UNAVAILABLE', 'Seat prices changed while holding; please try again', { seatIds: outcome.offers.map((o) => o.seatId) });
    case 'BUSY':
      return new DomainError('CONFLICT', 'Another hold of yours is in progress', undefined, 1);
  }
}
