import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens are opaque: 256 random bits, so guessing one is hopeless and nothing can be read out of it.
 * Only the SHA-256 hash is stored; a fast hash is right here because the input already has full entropy.
 */
export const REFRESH_TOKEN_BYTES = 32;

export const newRefreshToken = (): string => `rt_${randomBytes(REFRESH_TOKEN_BYTES).toString('base64url')}`;

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
