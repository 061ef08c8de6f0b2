import type { CatalogDeps } from './ports';

/** After an admin write: the search projection rebuilds, and the named concerts' detail caches drop. */
export async function invalidateReads(deps: CatalogDeps, concertIds: string[]): Promise<void> {
  await Promise.all([deps.projection.invalidate(), deps.details.invalidate(concertIds)]);
}
