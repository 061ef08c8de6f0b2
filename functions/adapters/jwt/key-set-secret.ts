import { ConfigError } from '#platform/config';
import { secretsManager } from '#platform/clients/secrets-manager';
import type { RotatableKeySet, SigningKeyStore } from '#services/auth/rotate-signing-keys';
import { publicKeySetOf } from './key-set';

/**
 * The key set in its two Secrets Manager secrets; each write is a new version of both. The public half is written
 * first: a key any signer may use is then already known to every verifier that reloads, and a retired key leaves the
 * verifiers only once no token it signed is still valid (see the rotation policy).
 */
export function secretSigningKeyStore(secrets: { privateArn: string; publicArn: string }, client = secretsManager): SigningKeyStore {
  return {
    async read() {
      const { client: sm, sdk } = await client();
      const secret = await sm.send(new sdk.GetSecretValueCommand({ SecretId: secrets.privateArn }));
      if (!secret.SecretString) throw new ConfigError('JWT_KEYS_SECRET_ARN holds no SecretString');
      return JSON.parse(secret.SecretString) as RotatableKeySet;
    },
    async write(keySet) {
      const { client: sm, sdk } = await client();
      await sm.send(new sdk.PutSecretValueCommand({ SecretId: secrets.publicArn, SecretString: JSON.stringify(publicKeySetOf(keySet)) }));
      await sm.send(new sdk.PutSecretValueCommand({ SecretId: secrets.privateArn, SecretString: JSON.stringify(keySet) }));
    },
  };
}
