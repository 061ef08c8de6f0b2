import type { Reservation } from '#domain/reservations/reservation';
import { saleActivity, type SaleActivity } from '#domain/sale-activity';
import type { Clock } from '#platform/clock';

export interface SaleStatsDeps {
  reservationsSince: (concertId: string, since: Date) => Promise<Reservation[]>;
  clock: Clock;
}

/** A hold can still expire this long after it was made (hold TTL + payment TTL, each at most an hour). */
const LONGEST_LIFE_MINUTES = 120;

/** The ops console's live sale figures for one concert over the last `minutes`. */
export async function saleStats(deps: SaleStatsDeps, concertId: string, minutes: number): Promise<{ concertId: string; at: string } & SaleActivity> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - (minutes + LONGEST_LIFE_MINUTES) * 60_000);
  const reservations = await deps.reservationsSince(concertId, since);
  return { concertId, at: now.toISOString(), ...saleActivity(reservations, now, minutes) };
}
