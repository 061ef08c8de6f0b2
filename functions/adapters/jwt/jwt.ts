import { SignJWT, jwtVerify, errors, type JWTPayload } from 'jose';
import { config } from '#platform/config';
import { ulids } from '#platform/ids';
import { JWT_ALGORITHM, loadSigningKey, loadVerificationKeys } from './key-set';

export const ACCESS_AUDIENCE_DEFAULT = 'ticketrush-api';
export const ADMISSION_AUDIENCE = 'ticketrush-admission';

export interface SignOptions {
  audience: string;
  ttlSeconds: number;
  subject: string;
  /** Defaults to a fresh ULID. */
  jti?: string;
  now?: Date;
}

/** Why a token was refused; callers map every kind to 401 (or 403 NOT_ADMITTED for admission tokens). */
export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(`token ${reason}`);
  }
}

export async function signJwt(claims: Record<string, unknown>, o: SignOptions): Promise<{ token: string; jti: string; expiresAt: number }> {
  const { kid, signingKey } = await loadSigningKey();
  const issuedAt = Math.floor((o.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + o.ttlSeconds;
  const jti = o.jti ?? ulids.next();
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: JWT_ALGORITHM, kid, typ: 'JWT' })
    .setIssuer(config('JWT_ISSUER').JWT_ISSUER)
    .setAudience(o.audience)
    .setSubject(o.subject)
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(signingKey);
  return { token, jti, expiresAt };
}

/**
 * Verifies signature (ES256 only — `alg: none` and HMAC confusion are refused), issuer, audience and expiry.
 */
export async function verifyJwt(token: string, o: { audience: string; now?: Date }): Promise<JWTPayload & { sub: string; jti: string }> {
  const verificationKeys = await loadVerificationKeys();
  try {
    const { payload } = await jwtVerify(token, verificationKeys, {
      algorithms: [JWT_ALGORITHM],
      issuer: config('JWT_ISSUER').JWT_ISSUER,
      audience: o.audience,
      currentDate: o.now,
      requiredClaims: ['sub', 'jti', 'exp'],
    });
    return payload as JWTPayload & { sub: string; jti: string };
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
    if (e instanceof errors.JOSEError || e instanceof TypeError) throw new InvalidTokenError('invalid');
    throw e;
  }
}
