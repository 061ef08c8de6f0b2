import { createHash, createHmac } from 'node:crypto';

/**
 * Pure helpers that turn what a request carries into the facts the rules read.
 */

/** A keyed hash, so the audit and Redis never hold a raw address and a stolen audit cannot be reversed by brute force. */
export const hashAddress = (address: string, key: string) => createHmac('sha256', key).update(address).digest('hex').slice(0, 24);

const DEVICE_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
/** `X-Device-Id` as sent, when it looks like one; anything else counts as no device id. */
export const deviceIdOf = (header: string | undefined) => (header && DEVICE_ID_PATTERN.test(header) ? header : undefined);

/** user + show + seats (in any order): two holds of the same seats by the same user are the same request. */
export function holdFingerprint(userId: string, showId: string, seatIds: readonly string[]): string {
  return createHash('sha256').update(`${userId}\n${showId}\n${[...seatIds].sort().join(',')}`).digest('hex').slice(0, 32);
}

/**
 * The concert an admission token names, read without verifying it: it only chooses whose counters the rules use.
 * The hold verifies the token itself and refuses a forged one (NOT_ADMITTED), so a forged concert id gains nothing.
 */
export function concertOfAdmissionToken(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const { cid } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { cid?: unknown };
    return typeof cid === 'string' && /^[\w-]{1,64}$/.test(cid) ? cid : undefined;
  } catch {
    return undefined;
  }
}
