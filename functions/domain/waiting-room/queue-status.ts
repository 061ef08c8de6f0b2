import { etaSeconds } from './eta';

/** A user's place as api.md's `QueueStatus` shows it. */
export const QUEUE_STATES = ['NONE', 'PREQUEUE', 'WAITING', 'ACTIVE', 'EXPIRED'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface QueueStatus {
  concertId: string;
  status: QueueState;
  position: number;
  ahead: number;
  etaSeconds: number;
  admissionToken?: string;
  activeExpiresAt?: string;
  /** When to poll `queue/me` again (client adds jitter); see client-pacing.ts. */
  pollAfterSeconds?: number;
  /** Open the WebSocket now. */
  connect?: boolean;
}

/** What the store knows about one user in one line. */
export type Placement =
  | { state: 'NONE' | 'EXPIRED' | 'PREQUEUE' }
  | { state: 'WAITING'; position: number }
  | { state: 'ACTIVE'; expiresAtMs: number; admissionToken?: string };

export interface RateView {
  measuredRate: number | undefined;
  admitPerSecond: number;
  /** For PREQUEUE users, whose ETA is the time to the opening. */
  opensAt?: Date;
  now: Date;
}

/**
 * `position` is 1-based while WAITING and 0 otherwise; `ahead = position − 1` while WAITING. A PREQUEUE user has
 * no position yet (the draw at opening decides it); its `etaSeconds` counts down to the opening.
 */
export function toQueueStatus(concertId: string, p: Placement, rate: RateView): QueueStatus {
  switch (p.state) {
    case 'WAITING':
      return {
        concertId,
        status: 'WAITING',
        position: p.position,
        ahead: p.position - 1,
        etaSeconds: etaSeconds(p.position, rate.measuredRate, rate.admitPerSecond),
      };
    case 'ACTIVE':
      return {
        concertId,
        status: 'ACTIVE',
        position: 0,
        ahead: 0,
        etaSeconds: 0,
        ...(p.admissionToken ? { admissionToken: p.admissionToken } : {}),
        activeExpiresAt: new Date(p.expiresAtMs).toISOString(),
      };
    case 'PREQUEUE': {
      const untilOpen = rate.opensAt ? Math.max(0, Math.ceil((rate.opensAt.getTime() - rate.now.getTime()) / 1000)) : 0;
      return { concertId, status: 'PREQUEUE', position: 0, ahead: 0, etaSeconds: untilOpen };
    }
    default:
      return { concertId, status: p.state, position: 0, ahead: 0, etaSeconds: 0 };
  }
}
