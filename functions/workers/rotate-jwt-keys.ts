import type { RotationPolicy } from '#domain/auth/key-rotation';
import { ACCESS_TOKEN_TTL_SECONDS } from '#domain/auth/tokens';
import { MAX_ACTIVE_TTL_SECONDS } from '#domain/waiting-room/queue-config';
import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import { logger } from '#platform/logger';
import { scheduledHandler } from '#platform/worker';
import { generateSigningJwk, KEY_SET_RELOAD_SECONDS } from '#adapters/jwt/key-set';
import { secretSigningKeyStore } from '#adapters/jwt/key-set-secret';
import { rotateSigningKeys } from '#services/auth/rotate-signing-keys';

/**
 * Every 30 days a new key is added; it signs after one access-token lifetime (longer than any process keeps its copy
 * of the key set), and the old key verifies until the longest-lived token it signed — an admission token, up to
 * the queue config's maximum slot — has expired, plus a minute of clock skew.
 */
export const rotationPolicy: RotationPolicy = {
  rotateEverySeconds: 30 * 24 * 3600,
  activateAfterSeconds: Math.max(ACCESS_TOKEN_TTL_SECONDS, KEY_SET_RELOAD_SECONDS + 60),
  retireAfterSeconds: Math.max(ACCESS_TOKEN_TTL_SECONDS, MAX_ACTIVE_TTL_SECONDS) + 60,
};

/**
 * Scheduled (each minute in AWS): runs the rotation step that is due, usually none. Without the secrets (the local
 * cloud's JWT_KEYS_JSON is fixed for the life of the process) there is nothing to rotate. Each step writes the
 * public half (JWT_PUBLIC_KEYS_SECRET_ARN, all that verify-only functions may read) beside the private set.
 */
export const handler = scheduledHandler(async () => {
  const { JWT_KEYS_SECRET_ARN, JWT_PUBLIC_KEYS_SECRET_ARN } = config('JWT_KEYS_SECRET_ARN', 'JWT_PUBLIC_KEYS_SECRET_ARN');
  if (!JWT_KEYS_SECRET_ARN || !JWT_PUBLIC_KEYS_SECRET_ARN) return { step: 'NONE' as const };
  const store = secretSigningKeyStore({ privateArn: JWT_KEYS_SECRET_ARN, publicArn: JWT_PUBLIC_KEYS_SECRET_ARN });
  const step = await rotateSigningKeys({ store, newKey: generateSigningJwk, clock: systemClock }, rotationPolicy);
  if (step.step !== 'NONE') logger.info('JWT signing key rotation', { ...step });
  return step;
});
