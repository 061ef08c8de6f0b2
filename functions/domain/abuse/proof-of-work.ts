/**
 * The join challenge's proof of work (api.md), shared by the server's check and the web app's solver: pure, no
 * `node:crypto`, so the browser's Web Worker imports the very rule the server verifies. The client finds a `nonce` such
 * that SHA-256 of the UTF-8 bytes of the string `salt + nonce` (the salt as issued — 32 lower-case hex characters, used
 * as text, not decoded — followed directly by the nonce) starts with `difficulty` zero bits, counted from the most
 * significant bit of the digest's first byte. Verifying is one hash, so the server's cost is constant while the client's
 * doubles with each bit. The hash itself is the caller's: node:crypto on the server (proof-of-work-sha256.ts),
 * SubtleCrypto in the browser; each side's check is `leadingZeroBits(sha256(utf8(salt + nonce))) >= difficulty`.
 */
/** Nonces are short printable tokens; a decimal counter is what the web worker sends. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const CHALLENGE_ID_PATTERN = /^[A-Za-z0-9]{1,64}$/;

/** The n-th nonce of the search every client runs: 0, 1, 2, … in decimal. */
export const nthNonce = (n: number): string => String(n);

/** Number of leading zero bits of a digest, most significant bit of byte 0 first. */
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

/** `X-Queue-Challenge: <challengeId>:<nonce>`; anything else reads as no answer at all. */
export function parseChallengeHeader(header: string | undefined): { challengeId: string; nonce: string } | undefined {
  const at = header?.indexOf(':') ?? -1;
  if (!header || at < 1) return undefined;
  const challengeId = header.slice(0, at);
  const nonce = header.slice(at + 1);
  return CHALLENGE_ID_PATTERN.test(challengeId) && NONCE_PATTERN.test(nonce) ? { challengeId, nonce } : undefined;
}

/** The challenge header for a found nonce. */
export const challengeHeader = (challengeId: string, nonce: string): string => `${challengeId}:${nonce}`;
