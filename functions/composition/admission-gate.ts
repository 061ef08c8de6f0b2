import { jwtAdmissionTokenVerifier } from '#adapters/jwt/admission-tokens';
import { redisActiveSlots } from '#adapters/redis/waiting-room-active-slots';
import { redis } from '#platform/clients/redis';
import { systemClock } from '#platform/clock';
import type { AdmissionGate } from '#services/ports/admission';
import { admissionGate as admissionGateService, type AdmissionGateDeps } from '#services/waiting-room/admission-gate';
import { lazy } from './lazy';

export type AdmissionGatePorts = AdmissionGateDeps;

/** The waiting room's side of the AdmissionGate port the hold route checks: token + still-ACTIVE slot. */
export const wireAdmissionGate = (p: AdmissionGatePorts): AdmissionGate => admissionGateService(p);

/** Bound for the hold use case without the rest of the waiting room. */
export const admissionGate = lazy(() => wireAdmissionGate({ tokens: jwtAdmissionTokenVerifier, line: redisActiveSlots(redis()), clock: systemClock }));
