import { describe, expect, it } from 'vitest';
import { availabilityOf, codeAt, decodeAvailability, SeatSlots, setCode, STATUS_CODE, type ShowLayout } from '#domain/catalog/availability';
import { pageStart, SEAT_PAGE_SIZE, seatPage } from '#domain/catalog/seat-page';

const section = (name: string, rows: number, seatsPerRow: number, grade = 'R') => ({ name, grade, price: 100000, currency: 'KRW', rows, seatsPerRow });
const layoutOf = (...sections: ReturnType<typeof section>[]): ShowLayout => ({ showId: 'S', concertId: 'C', version: 'v1', sections });

describe('availability bits', () => {
  it('puts the first seat in the high bits of the first byte, 00/01/10 for AVAILABLE/HELD/SOLD, each section byte-aligned', () => {
    const layout = layoutOf(section('A', 1, 5), section('B', 2, 2));
    const slots = new SeatSlots(layout);
    expect(slots.totalBytes).toBe(2 + 1);
    expect(['A-1-1', 'A-1-5', 'B-1-1', 'B-2-2'].map((id) => slots.slotOf(id))).toEqual([0, 4, 8, 11]);
    expect(['A-2-1', 'A-1-6', 'C-1-1', 'A-1', 'A-1-1-1', 'A-x-1'].map((id) => slots.slotOf(id))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect([0, 4, 8, 11, 5, 7].map((slot) => slots.seatIdAt(slot))).toEqual(['A-1-1', 'A-1-5', 'B-1-1', 'B-2-2', undefined, undefined]);

    const doc = new Uint8Array(slots.totalBytes);
    setCode(doc, slots.slotOf('A-1-1')!, STATUS_CODE.HELD);
    setCode(doc, slots.slotOf('A-1-4')!, STATUS_CODE.SOLD);
    setCode(doc, slots.slotOf('B-2-2')!, STATUS_CODE.SOLD);
    expect([...doc]).toEqual([0b01000010, 0b00000000, 0b00000010]);
    expect(codeAt(doc, 3)).toBe(2);

    const a = availabilityOf(layout, slots, 7, doc);
    expect(a).toEqual({
      showId: 'S',
      version: 7,
      sections: [
        { name: 'A', available: 3, held: 1, sold: 1, bits: Buffer.from([0b01000010, 0]).toString('base64') },
        { name: 'B', available: 3, held: 0, sold: 1, bits: Buffer.from([0b00000010]).toString('base64') },
      ],
    });
    const statuses = decodeAvailability(layout, a);
    expect(statuses.size).toBe(9);
    expect(Object.fromEntries([...statuses].filter(([, s]) => s !== 'AVAILABLE'))).toEqual({ 'A-1-1': 'HELD', 'A-1-4': 'SOLD', 'B-2-2': 'SOLD' });
  });
});

describe('seat pages', () => {
  const layout = layoutOf(section('A', 50, 60, 'VIP'), section('B', 10, 10));
  const slots = new SeatSlots(layout);
  const doc = new Uint8Array(slots.totalBytes);
  setCode(doc, slots.slotOf('B-10-10')!, STATUS_CODE.SOLD);

  it('fills a page across sections and counts the whole show on it', () => {
    const first = seatPage(layout, slots, 3, doc, { s: 0, k: 0 });
    expect(first.seats).toHaveLength(3_100);
    expect(first.seats.at(-1)).toEqual({ seatId: 'B-10-10', section: 'B', row: 10, number: 10, grade: 'R', price: 100000, status: 'SOLD' });
    expect(first.counts).toMatchObject({ total: 3_100, SOLD: 1, byGrade: { VIP: { total: 3_000 }, R: { total: 100, SOLD: 1 } } });
    expect(first.nextCursor).toBeNull();
    expect(SEAT_PAGE_SIZE).toBe(5_000);
  });

  it('keeps a section filter across its pages and refuses a cursor issued for another filter', () => {
    const big = layoutOf(section('A', 100, 70), section('B', 1, 1));
    const bigSlots = new SeatSlots(big);
    const bits = new Uint8Array(bigSlots.totalBytes);
    const start = pageStart(big, { section: 'A' });
    const p1 = seatPage(big, bigSlots, 1, bits, start as never);
    expect(p1.seats).toHaveLength(5_000);
    expect(p1.seats.at(-1)?.seatId).toBe('A-72-30');
    const p2 = seatPage(big, bigSlots, 1, bits, pageStart(big, { section: 'A', cursor: p1.nextCursor! }) as never);
    expect(p2.seats).toHaveLength(2_000);
    expect(p2.seats[0]?.seatId).toBe('A-72-31');
    expect(p2.nextCursor).toBeNull();
    expect(pageStart(big, { section: 'B', cursor: p1.nextCursor! })).toEqual({ error: { path: 'cursor', message: 'Not a cursor of this listing' } });
    expect(pageStart(big, { cursor: 'garbage' })).toMatchObject({ error: { path: 'cursor' } });
  });
});
