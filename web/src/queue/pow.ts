/**
 * The join challenge (api.md): find `nonce` such that SHA-256(salt + nonce) starts with `difficulty` zero bits. Salt
 * and nonce are UTF-8 strings concatenated, the nonce is a decimal string, and bits are counted from the high bit of
 * the digest's first byte. Runs in a Web Worker (pow-worker.ts); pure so it is tested in Node too.
 */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export async function solveChallenge(salt: string, difficulty: number, onProgress?: (tries: number) => void, batch = 2000): Promise<string> {
  const encoder = new TextEncoder();
  for (let nonce = 0; ; nonce++) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(salt + String(nonce))));
    if (leadingZeroBits(digest) >= difficulty) return String(nonce);
    if (nonce % batch === batch - 1) onProgress?.(nonce + 1);
  }
}
