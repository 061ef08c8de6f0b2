import { toIso } from '#platform/clock';
import { notFound, validationFailed, type ValidationIssue } from '#domain/errors';
import type { ConcertPatch } from '#domain/catalog/schemas';
import type { Concert } from '#domain/catalog/types';
import type { CatalogDeps } from './ports';
import { invalidateReads } from './invalidate-reads';
import { requireChanges } from './manage-entities';

/** PATCH: the descriptive fields sent replace the stored ones; a new artist or agency must exist. */
export async function updateConcert(deps: CatalogDeps, concertId: string, patch: ConcertPatch): Promise<Concert> {
  requireChanges(patch);
  const [artist, agency] = await Promise.all([
    patch.artistId ? deps.store.get('ARTIST', patch.artistId) : undefined,
    patch.agencyId ? deps.store.get('AGENCY', patch.agencyId) : undefined,
  ]);
  const issues: ValidationIssue[] = [];
  if (patch.artistId && !artist) issues.push({ in: 'body', path: 'artistId', message: `No artist ${patch.artistId}` });
  if (patch.agencyId && !agency) issues.push({ in: 'body', path: 'agencyId', message: `No agency ${patch.agencyId}` });
  if (issues.length) throw validationFailed(issues);
  const updated = await deps.store.update('CONCERT', concertId, { ...patch, updatedAt: toIso(deps.clock.now()) });
  if (!updated) throw notFound('Concert', concertId);
  await invalidateReads(deps, [concertId]);
  return updated;
}
