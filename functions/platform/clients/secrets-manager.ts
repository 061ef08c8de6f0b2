import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { deadlined } from './deadlined';
import { lazySdkClient, type LazySdk } from './lazy-client';

export type SecretsManager = LazySdk<typeof import('@aws-sdk/client-secrets-manager'), SecretsManagerClient>;

/** Loaded on the first secret read of a cold start (then cached with the value, ../secrets.ts), not at init. */
export const secretsManager: SecretsManager = lazySdkClient(
  () => import('@aws-sdk/client-secrets-manager'),
  (sdk) => deadlined('Secrets Manager', (settings) => new sdk.SecretsManagerClient(settings)),
);
