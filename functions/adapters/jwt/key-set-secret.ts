import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '#platform/config';
import type { RotatableKeySet, SigningKeyStore } from '#services/auth/rotate-signing-keys';

/** The key set in its Secrets Manager secret (JWT_KEYS_SECRET_ARN); each write is a new secret version. */
export function secretSigningKeyStore(secretArn: string, client: () => SecretsManagerClient = () => new SecretsManagerClient({})): SigningKeyStore {
  return {
    async read() {
      const secret = await client().send(new GetSecretValueCommand({ SecretId: secretArn }));
      if (!secret.SecretString) throw new ConfigError('JWT_KEYS_SECRET_ARN holds no SecretString');
      return JSON.parse(secret.SecretString) as RotatableKeySet;
    },
    async write(keySet) {
      await client().send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify(keySet) }));
    },
  };
}
