import { AVAILABLE, seatAt, type SeatModel, type SeatRef } from './model';

/**
 * "Best available": `count` adjacent available seats in one row of a section of `grade`. Sections are taken in layout
 * order (the venue lists those nearest the stage first), rows from the front, and within a row the block closest
 * to the row's centre wins.
 */
export function bestAvailable(model: SeatModel, grade: string, count: number, exclude: ReadonlySet<number> = new Set()): SeatRef[] | undefined {
  for (const section of model.sections) {
    if (section.grade !== grade || section.available < count) continue;
    for (let row = 1; row <= section.rows; row++) {
      let best: number | undefined;
      let bestDistance = Infinity;
      let run = 0;
      const centre = (section.seatsPerRow + 1) / 2;
      for (let n = 1; n <= section.seatsPerRow; n++) {
        const index = section.offset + (row - 1) * section.seatsPerRow + (n - 1);
        run = model.status[index] === AVAILABLE && !exclude.has(index) ? run + 1 : 0;
        if (run >= count) {
          const start = n - count + 1;
          const distance = Math.abs(start + (count - 1) / 2 - centre);
          if (distance < bestDistance) {
            bestDistance = distance;
            best = start;
          }
        }
      }
      if (best !== undefined) return Array.from({ length: count }, (_, i) => seatAt(model, section, row, (best as number) + i));
    }
  }
  return undefined;
}
