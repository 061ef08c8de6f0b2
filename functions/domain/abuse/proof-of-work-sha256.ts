import { createHash, randomBytes } from 'node:crypto';
import { leadingZeroBits, NONCE_PATTERN, nthNonce } from './proof-of-work';

/** A challenge's salt: 16 random bytes as 32 lower-case hex characters, hashed as text (proof-of-work.ts). */
export const newSalt = (): string => randomBytes(16).toString('hex');

/** The server's one-hash check of a join challenge's answer (the rule is in proof-of-work.ts). */
export function solves(salt: string, nonce: string, difficulty: number): boolean {
  if (!NONCE_PATTERN.test(nonce)) return false;
  return leadingZeroBits(createHash('sha256').update(salt + nonce, 'utf8').digest()) >= difficulty;
}

/** The client's search, as the web worker runs it, for tests and load drivers. */
export function solve(salt: string, difficulty: number): string {
  for (let n = 0; ; n++) if (solves(salt, nthNonce(n), difficulty)) return nthNonce(n);
}
