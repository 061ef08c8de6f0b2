import { concertOfAdmissionToken, deviceIdOf, hashAddress, holdFingerprint } from '#domain/abuse/request-facts';
import type { AbuseAction } from '#domain/abuse/rules';
import type { Principal } from '#domain/identity';
import { config } from '#platform/config';
import type { Reply } from '#platform/http';
import { fingerprintOf } from '#services/idempotency';
import type { Attempt } from './guard';

/** What the guard reads from an HTTP request: the handler's parsed request. */
export interface GuardedRequest {
  principal?: Pick<Principal, 'userId'>;
  headers: Record<string, string>;
  requestId: string;
  event: { requestContext?: { identity?: { sourceIp?: string } } };
}

const addressKey = () => config('ABUSE_ADDRESS_KEY').ABUSE_ADDRESS_KEY;

function baseFacts(action: AbuseAction, req: GuardedRequest) {
  const deviceId = deviceIdOf(req.headers['x-device-id']);
  const idempotencyKey = req.headers['idempotency-key'];
  return {
    action,
    requestId: req.requestId,
    clientAddress: hashAddress(req.event.requestContext?.identity?.sourceIp ?? 'unknown', addressKey()),
    ...(req.principal ? { userId: req.principal.userId } : {}),
    ...(deviceId ? { deviceId } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
}

interface ReservationBody {
  reservationId: string;
  userId: string;
  concertId: string;
  holdExpiresAt?: string;
}

/** POST /v1/reservations: the concert comes from the admission token; a won hold counts as unpaid until paid or cancelled. */
export function holdAttempt(req: GuardedRequest & { body: { showId: string; seatIds: string[] } }): Attempt<Reply> {
  const concertId = concertOfAdmissionToken(req.headers['x-admission-token']);
  const userId = req.principal?.userId ?? '';
  return {
    facts: { ...baseFacts('HOLD', req), ...(concertId ? { concertId } : {}), fingerprint: holdFingerprint(userId, req.body.showId, req.body.seatIds) },
    settle: async (reply, state) => {
      const r = reply.body as ReservationBody;
      if (reply.status === 201 && r.holdExpiresAt) await state.holdStarted(r.concertId, r.userId, r.reservationId, Date.parse(r.holdExpiresAt));
    },
  };
}

/** Pay and cancel end a hold's life as an unpaid hold. */
function endsHold(action: 'PAY' | 'CANCEL', req: GuardedRequest & { body?: unknown }, reservationId: string): Attempt<Reply> {
  return {
    facts: { ...baseFacts(action, req), fingerprint: fingerprintOf({ reservationId, body: req.body ?? null }).slice(0, 32) },
    settle: async (reply, state) => {
      const body = reply.body as { reservation?: ReservationBody } & Partial<ReservationBody>;
      const r = body.reservation ?? (body as ReservationBody);
      if (reply.status < 300 && r.reservationId) await state.holdEnded(r.concertId, r.userId, r.reservationId);
    },
  };
}
export const payAttempt = (req: GuardedRequest & { body?: unknown }, reservationId: string) => endsHold('PAY', req, reservationId);
export const cancelAttempt = (req: GuardedRequest, reservationId: string) => endsHold('CANCEL', req, reservationId);

/** POST /v1/concerts/{concertId}/queue, with the `X-Queue-Challenge` answer when the concert asks for one. */
export function joinAttempt<T>(req: GuardedRequest, concertId: string): Attempt<T> {
  return { facts: { ...baseFacts('JOIN', req), concertId, challengeHeader: req.headers['x-queue-challenge'] } };
}

export function challengeAttempt<T>(req: GuardedRequest, concertId: string): Attempt<T> {
  return { facts: { ...baseFacts('CHALLENGE', req), concertId } };
}

/** Dev sign-in and token refresh: per-address limits only (there is no user yet). */
export function authAttempt<T>(action: 'SIGN_IN' | 'REFRESH', req: GuardedRequest): Attempt<T> {
  const { userId: _anonymous, ...facts } = baseFacts(action, req);
  return { facts };
}
