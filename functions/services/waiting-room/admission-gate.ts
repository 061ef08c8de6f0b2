import { DomainError } from '#domain/errors';
import type { Clock } from '#platform/clock';
import type { AdmissionGate as AdmissionGatePort } from '#services/ports/admission';
import type { AdmissionTokens, WaitingLine } from './ports';

export interface AdmissionGateDeps {
  tokens: Pick<AdmissionTokens, 'verify'>;
  line: Pick<WaitingLine, 'activeSlotExpiry'>;
  clock: Clock;
}

const notAdmitted = (reason: string) => new DomainError('NOT_ADMITTED', `A valid admission token for this concert is required: ${reason}`);

/**
 * The hold route's check: the token must verify (signature, audience, expiry), name this user and concert, and be
 * bound to the user's still-ACTIVE slot — leaving the line or letting the slot lapse revokes it. Fail-closed: when
 * Redis cannot say whether the slot is ACTIVE, the read throws and the hold is 503, never NOT_ADMITTED.
 */
export function admissionGate(deps: AdmissionGateDeps): AdmissionGatePort {
  return {
    async verify(token, userId, concertId) {
      if (!token) throw notAdmitted('missing X-Admission-Token');
      const now = deps.clock.now();
      const claims = await deps.tokens.verify(token, now);
      if (!claims) throw notAdmitted('the token is invalid or expired');
      if (claims.userId !== userId || claims.concertId !== concertId) throw notAdmitted('the token belongs to another user or concert');
      const slotExpiresAtMs = await deps.line.activeSlotExpiry(concertId, userId, now.getTime());
      if (slotExpiresAtMs === undefined || slotExpiresAtMs !== claims.slotExpiresAtMs) throw notAdmitted('the admission slot has ended');
    },
  };
}
