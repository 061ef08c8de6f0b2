import type { TokenCodec } from '#services/auth/ports';
import { InvalidTokenError, signJwt, verifyJwt } from './jwt';

/** The JWT key set behind the auth services' TokenCodec port. */
export const jwtTokenCodec: TokenCodec = {
  sign: (claims, o) => signJwt(claims, o),
  async verify(token, o) {
    try {
      return { ok: true, claims: await verifyJwt(token, o) };
    } catch (e) {
      if (e instanceof InvalidTokenError) return { ok: false, reason: e.reason };
      throw e;
    }
  },
};
