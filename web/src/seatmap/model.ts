import type { Availability, ConcertDetail, Layout, SeatRow, SeatStatus } from '../api/types';

/**
 * A show's seats in compact form: sections in layout order and one status byte per seat (row-major within a
 * section, sections one after another), so 60,000 seats cost 60 KB and a status change is one array write.
 */
export const AVAILABLE = 0;
export const HELD = 1;
export const SOLD = 2;
const CODE: Record<SeatStatus, number> = { AVAILABLE, HELD, SOLD };

/** A layout section (typed from the OpenAPI document) with where its seats start in `status` and how many are free. */
export type SectionModel = Layout['sections'][number] & {
  /** Index of this section's first seat in `status`. */
  offset: number;
  available: number;
};

export interface SeatModel {
  sections: SectionModel[];
  status: Uint8Array;
  version: number | undefined;
}

export interface SeatRef {
  section: SectionModel;
  row: number;
  number: number;
  index: number;
  seatId: string;
}

export function buildModel(layout: Layout['sections']): SeatModel {
  let offset = 0;
  const sections = layout.map((s) => {
    const model = { ...s, offset, available: s.rows * s.seatsPerRow };
    offset += s.rows * s.seatsPerRow;
    return model;
  });
  return { sections, status: new Uint8Array(offset), version: undefined };
}

/** The layout a show has when the `layout` route is not there yet: the venue's sections priced by grade. */
export function layoutFromConcert(concert: ConcertDetail): Layout['sections'] {
  const price = new Map(concert.priceTiers.map((p) => [p.grade, p]));
  return concert.venue.sections.map((s) => ({ ...s, price: price.get(s.grade)?.price ?? 0, currency: price.get(s.grade)?.currency ?? 'KRW' }));
}

export const seatIdOf = (section: string, row: number, number: number) => `${section}-${row}-${number}`;

export function seatAt(model: SeatModel, section: SectionModel, row: number, number: number): SeatRef {
  return { section, row, number, index: section.offset + (row - 1) * section.seatsPerRow + (number - 1), seatId: seatIdOf(section.name, row, number) };
}

/** `<section>-<row>-<number>`; the section name may itself contain dashes. */
export function findSeat(model: SeatModel, seatId: string): SeatRef | undefined {
  const m = /^(.+)-(\d+)-(\d+)$/.exec(seatId);
  if (!m) return undefined;
  const section = model.sections.find((s) => s.name === m[1]);
  const row = Number(m[2]);
  const number = Number(m[3]);
  if (!section || row < 1 || row > section.rows || number < 1 || number > section.seatsPerRow) return undefined;
  return seatAt(model, section, row, number);
}

export function setStatus(model: SeatModel, ref: SeatRef, status: SeatStatus): void {
  const before = model.status[ref.index];
  const after = CODE[status];
  if (before === after) return;
  model.status[ref.index] = after;
  if (before === AVAILABLE) ref.section.available--;
  if (after === AVAILABLE) ref.section.available++;
}

/** Decodes the availability document: 2 bits per seat, first seat in the high bits of the first byte. */
export function applyAvailability(model: SeatModel, doc: Availability): void {
  for (const part of doc.sections) {
    const section = model.sections.find((s) => s.name === part.name);
    if (!section) continue;
    const bytes = Uint8Array.from(atob(part.bits), (c) => c.charCodeAt(0));
    const count = section.rows * section.seatsPerRow;
    let available = 0;
    for (let i = 0; i < count; i++) {
      const code = ((bytes[i >> 2] ?? 0) >> (6 - 2 * (i & 3))) & 3;
      model.status[section.offset + i] = code > SOLD ? SOLD : code;
      if (code === AVAILABLE) available++;
    }
    section.available = available;
  }
  model.version = doc.version;
}

/** The `seats` pages (the fallback before the availability document existed). */
export function applySeatRows(model: SeatModel, seats: SeatRow[]): void {
  for (const seat of seats) {
    const ref = findSeat(model, seat.seatId);
    if (ref) setStatus(model, ref, seat.status);
  }
}

/**
 * Whether a SEATS push follows the version the model has: versions move by one per change or per message, so anything
 * in between is continuous; an older one is stale; a jump beyond is a gap that calls for a refetch.
 */
export function versionCheck(model: SeatModel, version: number | undefined, changes: number): 'apply' | 'stale' | 'gap' {
  if (version === undefined || model.version === undefined) return 'apply';
  if (version <= model.version) return 'stale';
  return version - model.version <= Math.max(1, changes) ? 'apply' : 'gap';
}

export function availableByGrade(model: SeatModel): Map<string, { available: number; price: number; currency: string }> {
  const out = new Map<string, { available: number; price: number; currency: string }>();
  for (const s of model.sections) {
    const entry = out.get(s.grade) ?? { available: 0, price: s.price, currency: s.currency };
    entry.available += s.available;
    out.set(s.grade, entry);
  }
  return out;
}
