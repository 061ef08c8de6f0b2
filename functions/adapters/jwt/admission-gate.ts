import { AppError } from '#platform/errors';
import type { AdmissionGate } from '#services/ports/admission';
import { ADMISSION_AUDIENCE, InvalidTokenError, verifyJwt } from './jwt';

const notAdmitted = (message: string) => new AppError('NOT_ADMITTED', message);

/**
 * The waiting room's admission token: a JWT for audience `ticketrush-admission` with `sub` = the user and
 * `cid` = the concert, valid until the user's active slot lapses.
 */
export function jwtAdmissionGate(verify: typeof verifyJwt = verifyJwt): AdmissionGate {
  return {
    async verify(token, userId, concertId) {
      if (!token) throw notAdmitted('Holding seats needs an admission token from the waiting room (X-Admission-Token)');
      let claims: Awaited<ReturnType<typeof verifyJwt>>;
      try {
        claims = await verify(token, { audience: ADMISSION_AUDIENCE });
      } catch (e) {
        if (e instanceof InvalidTokenError) throw notAdmitted(e.reason === 'expired' ? 'Your admission has expired; rejoin the queue' : 'The admission token is not valid');
        throw e;
      }
      if (claims.sub !== userId || claims.cid !== concertId) throw notAdmitted('The admission token belongs to another user or concert');
    },
  };
}
