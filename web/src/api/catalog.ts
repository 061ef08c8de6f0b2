import { api, ok } from './client';
import type { ConcertDetail } from './types';

const concerts = new Map<string, Promise<ConcertDetail>>();

/** Concert details change rarely during a visit: one fetch per concert per page load. */
export function concertDetail(concertId: string): Promise<ConcertDetail> {
  let pending = concerts.get(concertId);
  if (!pending) {
    pending = ok<ConcertDetail>(api().GET('/v1/concerts/{concertId}', { params: { path: { concertId } } }));
    pending.catch(() => concerts.delete(concertId));
    concerts.set(concertId, pending);
  }
  return pending;
}
