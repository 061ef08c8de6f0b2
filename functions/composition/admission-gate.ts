import { jwtAdmissionTokenVerifier } from '#adapters/jwt/admission-tokens';
import { redisActiveSlots } from '#adapters/redis/waiting-room-active-slots';
import { redis } from '#platform/clients/redis';
import { systemClock, type Clock } from '#platform/clock';
import type { AdmissionGate as AdmissionGatePort } from '#services/ports/admission';
import { AdmissionGate } from '#services/waiting-room/admission-gate';
import type { AdmissionTokens, WaitingLine } from '#services/waiting-room/ports';
import { lazy } from './lazy';

export interface AdmissionGatePorts {
  tokens: Pick<AdmissionTokens, 'verify'>;
  line: Pick<WaitingLine, 'activeSlotExpiry'>;
  clock: Clock;
}

/** The waiting room's side of the AdmissionGate port the hold route checks: token + still-ACTIVE slot. */
export const wireAdmissionGate = (p: AdmissionGatePorts): AdmissionGatePort => new AdmissionGate(p.tokens, p.line, p.clock);

/** Bound for the hold use case without the rest of the waiting room. */
export const admissionGate = lazy(() => wireAdmissionGate({ tokens: jwtAdmissionTokenVerifier, line: redisActiveSlots(redis()), clock: systemClock }));
