import type { LayoutSection, PriceTier, Seat } from './types';

/**
 * Seat generation runs inside the admin request, so one request's seats must fit API Gateway's 29 s: DynamoDB
 * Local writes ~4,000 seats/s here (10,000 in ~2.5 s), DynamoDB itself faster. A 60,000-seat stadium is the
 * largest show, and one concert creation writes at most 60,000 seats (shows × capacity); more would move seat
 * generation to an asynchronous worker.
 */
export const MAX_SEATS_PER_SHOW = 60_000;
export const MAX_SEATS_PER_CONCERT = 60_000;

export const seatIdOf = (section: string, row: number, number: number): string => `${section}-${row}-${number}`;

export const capacityOf = (sections: readonly LayoutSection[]): number =>
  sections.reduce((n, s) => n + s.rows * s.seatsPerRow, 0);

/** Grades the layout uses that no price tier prices; a concert cannot be created while any is missing. */
export function unpricedGrades(sections: readonly LayoutSection[], tiers: readonly PriceTier[]): string[] {
  const priced = new Set(tiers.map((t) => t.grade));
  return [...new Set(sections.map((s) => s.grade))].filter((g) => !priced.has(g));
}

/** Every seat of one show, AVAILABLE at version 0, in layout order. Rows and numbers are 1-based. */
export function seatsOfShow(
  ids: { concertId: string; showId: string },
  sections: readonly LayoutSection[],
  tiers: readonly PriceTier[],
): Seat[] {
  const tierOf = new Map(tiers.map((t) => [t.grade, t]));
  const seats: Seat[] = [];
  for (const s of sections) {
    const tier = tierOf.get(s.grade);
    if (!tier) throw new Error(`No price tier for grade ${s.grade}`);
    for (let row = 1; row <= s.rows; row++) {
      for (let number = 1; number <= s.seatsPerRow; number++) {
        seats.push({
          ...ids,
          seatId: seatIdOf(s.name, row, number),
          section: s.name,
          row,
          number,
          grade: s.grade,
          price: tier.price,
          currency: tier.currency,
          status: 'AVAILABLE',
          version: 0,
        });
      }
    }
  }
  return seats;
}
