import { validationFailed } from '#platform/errors';
import { availabilityOf, type Availability, type ShowLayout } from '#domain/catalog/availability';
import { pageStart, seatPage, type SeatPage } from '#domain/catalog/seat-page';
import type { CatalogDeps } from './ports';
import { currentAvailability } from './seat-availability';
import { showLayout } from './show-layout';

/**
 * The three seat-map reads. Each answers `notModified` when the client already holds the current version, so a
 * revalidation costs one small Redis call and no body. A container keeps the last document it built per show, so
 * readers of an unchanged version share one build.
 */
export type Conditional<T> = { notModified: true; version: string } | { notModified: false; version: string; body: T };

const MEMO_ENTRIES = 16;
const built = new Map<string, { version: number; availability: Availability; doc: Buffer }>();

export async function readLayout(deps: CatalogDeps, concertId: string, showId: string, ifNoneMatch?: string): Promise<Conditional<Omit<ShowLayout, 'concertId'>>> {
  const { layout } = await showLayout(deps, concertId, showId);
  if (ifNoneMatch === layout.version) return { notModified: true, version: layout.version };
  const { showId: id, version, sections } = layout;
  return { notModified: false, version, body: { showId: id, version, sections } };
}

async function latest(deps: CatalogDeps, concertId: string, showId: string, knownVersion?: number) {
  const shown = await showLayout(deps, concertId, showId);
  const memo = built.get(showId);
  let read = await currentAvailability(deps, shown, knownVersion ?? memo?.version);
  if (read.version === knownVersion) return { version: read.version, shown };
  if (!read.doc && memo?.version === read.version) return { version: read.version, shown, memo };
  if (!read.doc) read = await currentAvailability(deps, shown);
  const doc = read.doc ?? Buffer.alloc(0);
  const entry = { version: read.version, doc, availability: availabilityOf(shown.layout, shown.slots, read.version, doc) };
  built.delete(showId);
  built.set(showId, entry);
  if (built.size > MEMO_ENTRIES) built.delete(built.keys().next().value as string);
  return { version: read.version, shown, memo: entry };
}

export async function readAvailability(deps: CatalogDeps, concertId: string, showId: string, ifNoneMatch?: string): Promise<Conditional<Availability>> {
  const known = ifNoneMatch !== undefined && /^\d+$/.test(ifNoneMatch) ? Number(ifNoneMatch) : undefined;
  const { version, memo } = await latest(deps, concertId, showId, known);
  if (!memo || version === known) return { notModified: true, version: String(version) };
  return { notModified: false, version: String(version), body: memo.availability };
}

export async function readSeatPage(deps: CatalogDeps, concertId: string, showId: string, query: { section?: string; cursor?: string }): Promise<SeatPage> {
  const { layout } = await showLayout(deps, concertId, showId);
  const start = pageStart(layout, query);
  if ('error' in start) throw validationFailed([{ in: 'query', ...start.error }]);
  const { version, shown, memo } = await latest(deps, concertId, showId);
  return seatPage(layout, shown.slots, version, memo?.doc ?? Buffer.alloc(0), start);
}
