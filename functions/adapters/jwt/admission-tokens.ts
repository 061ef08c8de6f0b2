import type { AdmissionTokens } from '#services/waiting-room/ports';
import { ADMISSION_AUDIENCE, InvalidTokenError, signJwt, verifyJwt } from './jwt';

/**
 * Admission tokens: JWTs `{ sub: userId, cid: concertId, slot: slotExpiresAtMs }`, audience ticketrush-admission,
 * expiring with the slot. `slot` ties a token to one slot: after leaving and being admitted again, old tokens fail.
 */

const verify: AdmissionTokens['verify'] = async (token, now) => {
  try {
    const claims = await verifyJwt(token, { audience: ADMISSION_AUDIENCE, now });
    return typeof claims.cid === 'string' && typeof claims.slot === 'number' ? { userId: claims.sub, concertId: claims.cid, slotExpiresAtMs: claims.slot } : undefined;
  } catch (e) {
    if (e instanceof InvalidTokenError) return undefined;
    throw e;
  }
};

/** The check alone: what the hold path uses, with the public keys only (`jwtVerify`) and no signing code bundled. */
export const jwtAdmissionTokenVerifier: Pick<AdmissionTokens, 'verify'> = { verify };

/** Minting and checking: the waiting room, which signs a token for every ACTIVE place it reads (`jwtKeys`). */
export const jwtAdmissionTokens: AdmissionTokens = {
  async issue(userId, concertId, slotExpiresAtMs, now) {
    const ttlSeconds = Math.max(1, Math.floor((slotExpiresAtMs - now.getTime()) / 1000));
    const { token } = await signJwt({ cid: concertId, slot: slotExpiresAtMs }, { audience: ADMISSION_AUDIENCE, subject: userId, ttlSeconds, now });
    return token;
  },
  verify,
};
