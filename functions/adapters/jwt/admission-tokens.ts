import type { AdmissionTokens } from '#services/waiting-room/ports';
import { ADMISSION_AUDIENCE, InvalidTokenError, signJwt, verifyJwt } from './jwt';

/** Admission tokens: JWTs `{ sub: userId, cid: concertId }`, audience ticketrush-admission, expiring with the slot. */
export const jwtAdmissionTokens: AdmissionTokens = {
  async issue(userId, concertId, expiresAtMs, now) {
    const ttlSeconds = Math.max(1, Math.floor((expiresAtMs - now.getTime()) / 1000));
    const { token } = await signJwt({ cid: concertId }, { audience: ADMISSION_AUDIENCE, subject: userId, ttlSeconds, now });
    return token;
  },
  async verify(token, now) {
    try {
      const claims = await verifyJwt(token, { audience: ADMISSION_AUDIENCE, now });
      return typeof claims.cid === 'string' ? { userId: claims.sub, concertId: claims.cid } : undefined;
    } catch (e) {
      if (e instanceof InvalidTokenError) return undefined;
      throw e;
    }
  },
};
