import type { SectionModel } from './model';

/**
 * Places sections on the overview when a venue gives no coordinates: the stage on top, then one band per grade in the
 * order grades first appear (nearest the stage first), sections side by side, sized by their seats. Percentages of
 * the map box, so the overview scales with the screen.
 */
export interface Placed {
  section: SectionModel;
  left: number;
  top: number;
  width: number;
  height: number;
}

export const STAGE_HEIGHT = 10;

export function placeSections(sections: SectionModel[]): Placed[] {
  const bands: SectionModel[][] = [];
  const bandOf = new Map<string, SectionModel[]>();
  for (const s of sections) {
    let band = bandOf.get(s.grade);
    if (!band) {
      band = [];
      bandOf.set(s.grade, band);
      bands.push(band);
    }
    band.push(s);
  }
  // Very wide bands wrap so no section gets thinner than a tap target.
  const rowsOfBands = bands.flatMap((band) => chunk(band, 8));
  const weights = rowsOfBands.map((band) => Math.max(...band.map((s) => s.rows)));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const gap = 1.5;
  const usable = 100 - STAGE_HEIGHT - gap * (rowsOfBands.length + 1);
  const placed: Placed[] = [];
  let top = STAGE_HEIGHT + gap;
  rowsOfBands.forEach((band, i) => {
    const height = (usable * (weights[i] ?? 1)) / totalWeight;
    const seatsWide = band.reduce((a, s) => a + s.seatsPerRow, 0);
    const innerGap = 1.5;
    const usableWidth = 100 - innerGap * (band.length + 1);
    let left = innerGap;
    for (const section of band) {
      const width = (usableWidth * section.seatsPerRow) / seatsWide;
      placed.push({ section, left, top, width, height: (height * section.rows) / (weights[i] ?? 1) });
      left += width + innerGap;
    }
    top += height + gap;
  });
  return placed;
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
