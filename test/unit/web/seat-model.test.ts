import { describe, expect, it } from 'vitest';
import { bestAvailable } from '../../../web/src/seatmap/best-available';
import { applyAvailability, buildModel, findSeat, HELD, SOLD, setStatus, versionCheck } from '../../../web/src/seatmap/model';
import { placeSections } from '../../../web/src/seatmap/venue-layout';

const layout = [
  { name: 'F1', grade: 'VIP', price: 220000, currency: 'KRW', rows: 2, seatsPerRow: 5 },
  { name: 'L-1', grade: 'R', price: 165000, currency: 'KRW', rows: 1, seatsPerRow: 4 },
];

describe('the seat map model', () => {
  it('decodes the availability document: 2 bits a seat, first seat in the high bits, counts per section', () => {
    const model = buildModel(layout);
    // F1: seats 1..4 = 00 01 10 00 → 0b00011000; seats 5..8 = 00 00 00 00; seats 9,10 = 10 00 → 0b10000000
    const f1 = Buffer.from([0b00011000, 0, 0b10000000]).toString('base64');
    const l1 = Buffer.from([0b01010101]).toString('base64');
    applyAvailability(model, { showId: 's', version: 7, sections: [{ name: 'F1', available: 7, held: 1, sold: 2, bits: f1 }, { name: 'L-1', available: 0, held: 4, sold: 0, bits: l1 }] });
    expect([...model.status.slice(0, 10)]).toEqual([0, 1, 2, 0, 0, 0, 0, 0, 2, 0]);
    expect(model.sections.map((s) => s.available)).toEqual([7, 0]);
    expect(model.version).toBe(7);
  });

  it('finds seats by id (section names may contain dashes) and keeps counts on change', () => {
    const model = buildModel(layout);
    const ref = findSeat(model, 'L-1-1-3');
    expect(ref).toMatchObject({ row: 1, number: 3, index: 12 });
    setStatus(model, ref!, 'HELD');
    setStatus(model, ref!, 'SOLD');
    expect(model.status[12]).toBe(SOLD);
    expect(model.sections[1]!.available).toBe(3);
    expect(findSeat(model, 'F1-3-1')).toBeUndefined();
  });

  it('checks SEATS versions: continuous applies, older is stale, a jump is a gap', () => {
    const model = buildModel(layout);
    expect(versionCheck(model, 3, 1)).toBe('apply');
    model.version = 10;
    expect(versionCheck(model, 11, 1)).toBe('apply');
    expect(versionCheck(model, 13, 3)).toBe('apply');
    expect(versionCheck(model, 10, 1)).toBe('stale');
    expect(versionCheck(model, 15, 2)).toBe('gap');
  });

  it('picks the best N adjacent available seats in a grade: front row first, nearest the centre', () => {
    const model = buildModel(layout);
    model.status[1] = HELD; // F1 row 1 seat 2 taken: seats 3–5 remain together in row 1
    expect(bestAvailable(model, 'VIP', 2)?.map((r) => r.seatId)).toEqual(['F1-1-3', 'F1-1-4']);
    expect(bestAvailable(model, 'VIP', 3)?.map((r) => r.seatId)).toEqual(['F1-1-3', 'F1-1-4', 'F1-1-5']);
    expect(bestAvailable(model, 'VIP', 4)?.map((r) => r.seatId)).toEqual(['F1-2-1', 'F1-2-2', 'F1-2-3', 'F1-2-4']);
    expect(bestAvailable(model, 'R', 5)).toBeUndefined();
  });

  it('places every section of a 60,000-seat venue on the overview, inside the box and no thinner than a band allows', () => {
    const big = Array.from({ length: 60 }, (_, i) => ({ name: `S${i + 1}`, grade: ['VIP', 'R', 'S', 'A'][i % 4]!, price: 1, currency: 'KRW', rows: 25, seatsPerRow: 40 }));
    const placed = placeSections(buildModel(big).sections);
    expect(placed).toHaveLength(60);
    for (const p of placed) {
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.left + p.width).toBeLessThanOrEqual(100.001);
      expect(p.top + p.height).toBeLessThanOrEqual(100.001);
      expect(p.width).toBeGreaterThan(8);
    }
  });
});
