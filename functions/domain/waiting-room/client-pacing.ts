import type { QueueStatus } from './queue-status';

/**
 * How the waiting room paces its clients (api.md, QueueStatus): a fan far back polls `queue/me` rarely, one near
 * the front often, and only fans about to be admitted open a WebSocket — so 200,000 fans at the opening do not
 * become 200,000 socket connects in a minute (API Gateway accepts 500 new connections/s per account and region).
 *
 * - `pollAfterSeconds` = a quarter of the ETA, clamped to [MIN_POLL_SECONDS, MAX_POLL_SECONDS]: the answer is at
 *   most a quarter-ETA stale, and a fan polls ~log₄(ETA) + ETA/MAX times over the wait. Clients add jitter (up to
 *   +25%) so fans who joined together do not poll together.
 * - `connect` is offered to ACTIVE fans and to WAITING fans within CONNECT_LEAD_SECONDS of admission; the offer is
 *   then rationed by the stage's connect budget (a shared per-second counter, see ConnectGrants); a fan turned down
 *   polls again after position ÷ budget seconds (at least DENIED_POLL_SECONDS), about when its turn comes, so a
 *   window of thousands waiting for sockets does not poll every second. Once connected, the client stops polling:
 *   pushes carry the rest.
 *
 * MAX_POLL_SECONDS bounds the staleness of a far-back fan's view and sets the floor of the polling load: a line of
 * 200,000 costs at least 200,000 / 60 ≈ 3,300 status requests a second (the capacity planner shows the sum).
 */
export const MIN_POLL_SECONDS = 2;
export const MAX_POLL_SECONDS = 60;
export const CONNECT_LEAD_SECONDS = 60;
export const DENIED_POLL_SECONDS = 1;
/** Clients wait pollAfterSeconds × (1 + up to this fraction), at random. */
export const CLIENT_POLL_JITTER = 0.25;

export function pollAfterSeconds(etaSeconds: number): number {
  return Math.min(MAX_POLL_SECONDS, Math.max(MIN_POLL_SECONDS, Math.ceil(etaSeconds / 4)));
}

/**
 * Whether this fan should hold a socket now (before the connect budget rations the offer): ACTIVE, or WAITING within
 * CONNECT_LEAD_SECONDS of admission — by the measured ETA, or by position at the configured `admitPerSecond`. The
 * second keeps the front of a paused or full line connected: its measured rate falls towards zero, and by ETA alone
 * those fans would poll once a minute and learn of the resume up to a minute late.
 */
export function wantsSocket(status: Pick<QueueStatus, 'status' | 'etaSeconds' | 'position'>, admitPerSecond: number): boolean {
  if (status.status === 'ACTIVE') return true;
  if (status.status !== 'WAITING') return false;
  return status.etaSeconds <= CONNECT_LEAD_SECONDS || status.position <= admitPerSecond * CONNECT_LEAD_SECONDS;
}

/** When a fan the budget turned down should ask again: about when the fans ahead of it have had their turn. */
export function deniedPollSeconds(position: number, connectsPerSecond: number): number {
  return Math.min(MAX_POLL_SECONDS, Math.max(DENIED_POLL_SECONDS, Math.ceil(position / connectsPerSecond)));
}

/** The paced answer: NONE and EXPIRED carry no pacing (there is nothing to wait for). */
export function paced(status: QueueStatus, granted: boolean, rates: { connectsPerSecond: number; admitPerSecond: number }): QueueStatus {
  if (status.status === 'NONE' || status.status === 'EXPIRED') return status;
  const { connectsPerSecond, admitPerSecond } = rates;
  const wants = wantsSocket(status, admitPerSecond);
  const connect = granted && wants;
  const poll = wants && !granted ? deniedPollSeconds(status.position, connectsPerSecond) : status.status === 'ACTIVE' ? MAX_POLL_SECONDS : pollAfterSeconds(status.etaSeconds);
  return { ...status, pollAfterSeconds: poll, connect };
}
