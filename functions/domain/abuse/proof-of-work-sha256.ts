import { createHash } from 'node:crypto';
import { meetsDifficulty, NONCE_PATTERN, nthNonce, workInput } from './proof-of-work';

/** The server's one-hash check of a join challenge's answer (the rule is in proof-of-work.ts). */
export function solves(salt: string, nonce: string, difficulty: number): boolean {
  if (!NONCE_PATTERN.test(nonce)) return false;
  return meetsDifficulty(createHash('sha256').update(workInput(salt, nonce)).digest(), difficulty);
}

/** The client's search, as the web worker runs it, for tests and load drivers. */
export function solve(salt: string, difficulty: number): string {
  for (let n = 0; ; n++) if (solves(salt, nthNonce(n), difficulty)) return nthNonce(n);
}
