import type { SeatStatus } from '#domain/seat';
import type { LayoutSection } from './types';

/**
 * The seat map split in two (api.md, Catalog): a static layout per show, and a compact live availability document
 * of 2 bits per seat — `00` AVAILABLE, `01` HELD, `10` SOLD — per section, in row-major order with the first seat in
 * the high bits of the first byte. 60,000 seats are 15,000 bytes of bits (20,000 characters of base64).
 *
 * Every section starts on a byte boundary of one show-wide bit string, so a section's `bits` is a plain slice of it
 * and a seat has one global *slot* (its 2-bit position in that string) that Redis addresses with `BITFIELD u2 #slot`.
 */
export interface PricedSection extends LayoutSection {
  price: number;
  currency: string;
}

export interface ShowLayout {
  showId: string;
  concertId: string;
  /** Content hash: the layout of a show never changes once its seats exist, so this is also its ETag. */
  version: string;
  sections: PricedSection[];
}

export const STATUS_CODE: Record<SeatStatus, number> = { AVAILABLE: 0, HELD: 1, SOLD: 2 };
const CODE_STATUS: readonly SeatStatus[] = ['AVAILABLE', 'HELD', 'SOLD'];
export const statusOfCode = (code: number): SeatStatus => CODE_STATUS[code] ?? 'AVAILABLE';

const bytesFor = (seats: number) => Math.ceil(seats / 4);

interface SectionSlots {
  section: PricedSection;
  /** First byte of the section in the show-wide bit string. */
  byteOffset: number;
  seats: number;
}

/** Where each section and seat sits in the show-wide bit string. */
export class SeatSlots {
  readonly sections: SectionSlots[] = [];
  readonly byName = new Map<string, SectionSlots>();
  /** Length of the show-wide bit string in bytes. */
  readonly totalBytes: number;

  constructor(layout: Pick<ShowLayout, 'sections'>) {
    let offset = 0;
    for (const section of layout.sections) {
      const seats = section.rows * section.seatsPerRow;
      const slots = { section, byteOffset: offset, seats };
      this.sections.push(slots);
      this.byName.set(section.name, slots);
      offset += bytesFor(seats);
    }
    this.totalBytes = offset;
  }

  /** The seat's slot, or undefined for an id that is not a seat of this layout. */
  slotOf(seatId: string): number | undefined {
    const [name, rowText, numberText, extra] = seatId.split('-');
    const s = name === undefined ? undefined : this.byName.get(name);
    const row = Number(rowText);
    const number = Number(numberText);
    if (!s || extra !== undefined || !Number.isInteger(row) || !Number.isInteger(number)) return undefined;
    if (row < 1 || row > s.section.rows || number < 1 || number > s.section.seatsPerRow) return undefined;
    return s.byteOffset * 4 + (row - 1) * s.section.seatsPerRow + (number - 1);
  }

  /** The seat id at a slot, or undefined for a padding slot. */
  seatIdAt(slot: number): string | undefined {
    const byte = slot >> 2;
    const s = this.sections.find((x) => byte >= x.byteOffset && byte < x.byteOffset + bytesFor(x.seats));
    if (!s) return undefined;
    const k = slot - s.byteOffset * 4;
    if (k >= s.seats) return undefined;
    return `${s.section.name}-${Math.floor(k / s.section.seatsPerRow) + 1}-${(k % s.section.seatsPerRow) + 1}`;
  }
}

export const codeAt = (bits: Uint8Array, k: number): number => ((bits[k >> 2] ?? 0) >> (6 - 2 * (k & 3))) & 3;

export function setCode(bits: Uint8Array, k: number, code: number): void {
  const shift = 6 - 2 * (k & 3);
  const i = k >> 2;
  bits[i] = ((bits[i] ?? 0) & ~(3 << shift)) | ((code & 3) << shift);
}

export interface SectionAvailability {
  name: string;
  available: number;
  held: number;
  sold: number;
  bits: string;
}

export interface Availability {
  showId: string;
  version: number;
  sections: SectionAvailability[];
}

/** The availability document from the show-wide bit string. */
export function availabilityOf(layout: ShowLayout, slots: SeatSlots, version: number, doc: Uint8Array): Availability {
  return {
    showId: layout.showId,
    version,
    sections: slots.sections.map((s) => {
      const bits = doc.subarray(s.byteOffset, s.byteOffset + bytesFor(s.seats));
      let held = 0;
      let sold = 0;
      for (let k = 0; k < s.seats; k++) {
        const code = codeAt(bits, k);
        if (code === STATUS_CODE.HELD) held++;
        else if (code === STATUS_CODE.SOLD) sold++;
      }
      return { name: s.section.name, available: s.seats - held - sold, held, sold, bits: Buffer.from(bits).toString('base64') };
    }),
  };
}

/** Every seat's status, from an availability document and its layout (what a client does with the two). */
export function decodeAvailability(layout: Pick<ShowLayout, 'sections'>, availability: Pick<Availability, 'sections'>): Map<string, SeatStatus> {
  const out = new Map<string, SeatStatus>();
  for (const section of layout.sections) {
    const bits = Buffer.from(availability.sections.find((s) => s.name === section.name)?.bits ?? '', 'base64');
    for (let k = 0; k < section.rows * section.seatsPerRow; k++) {
      out.set(`${section.name}-${Math.floor(k / section.seatsPerRow) + 1}-${(k % section.seatsPerRow) + 1}`, statusOfCode(codeAt(bits, k)));
    }
  }
  return out;
}
