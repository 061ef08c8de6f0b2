import { leadingZeroBits, nthNonce } from '../../../functions/domain/abuse/proof-of-work';

const utf8 = new TextEncoder();

/**
 * The join challenge's search in the browser: how bits are counted and which nonces are tried is the server's own
 * pure module; only the hash is SubtleCrypto here. Runs in a Web Worker (pow-worker.ts).
 */
export async function solveChallenge(salt: string, difficulty: number, onProgress?: (tries: number) => void, batch = 2000): Promise<string> {
  for (let n = 0; ; n++) {
    const nonce = nthNonce(n);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(salt + nonce)));
    if (leadingZeroBits(digest) >= difficulty) return nonce;
    if (n % batch === batch - 1) onProgress?.(n + 1);
  }
}
