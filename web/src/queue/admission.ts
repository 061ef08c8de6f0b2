import { api, ok } from '../api/client';
import type { QueueStatus } from '../api/types';
import { store, type Store } from '../ui/store';

/**
 * The fan's admission per concert, in memory only. A reload or a second tab asks `queue/me`, which answers an ACTIVE
 * user with the same admission token, so every tab shows the same place and the same shopping window.
 */
export interface Admission {
  token: string;
  expiresAtMs: number;
}

const admissions = new Map<string, Store<Admission | null | undefined>>();

/** `undefined` until known, `null` when not admitted. */
export function admissionOf(concertId: string): Store<Admission | null | undefined> {
  let s = admissions.get(concertId);
  if (!s) admissions.set(concertId, (s = store<Admission | null | undefined>(undefined)));
  return s;
}

export function noteStatus(status: QueueStatus): void {
  const s = admissionOf(status.concertId);
  if (status.status === 'ACTIVE' && status.admissionToken && status.activeExpiresAt) {
    const expiresAtMs = Date.parse(status.activeExpiresAt);
    if (s.get()?.token !== status.admissionToken) s.set({ token: status.admissionToken, expiresAtMs });
  } else if (status.status !== 'ACTIVE') {
    s.set(null);
  }
}

export async function fetchQueueStatus(concertId: string): Promise<QueueStatus> {
  const status = await ok<QueueStatus>(api().GET('/v1/concerts/{concertId}/queue/me', { params: { path: { concertId } } }));
  noteStatus(status);
  return status;
}
