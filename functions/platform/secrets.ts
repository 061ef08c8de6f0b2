import { secretsManager } from './clients/secrets-manager';
import { config, ConfigError } from './config';

/**
 * Secrets are read at run time, never taken from the environment in AWS: the function's variable holds the secret's
 * ARN (lib/capabilities/needs.ts), the value is fetched from Secrets Manager on first use with the invocation's
 * dependency deadline (a slow Secrets Manager is a 503, not a hung request) and kept for SECRET_CACHE_SECONDS, so a
 * rotated value reaches every warm function within that time. Where there is no Secrets Manager (the local cloud,
 * in-process tests) the need's value variable stands in; CDK never sets those.
 */
const SECRETS = {
  jwtKeys: { arn: 'JWT_KEYS_SECRET_ARN', value: 'JWT_KEYS_JSON' },
  jwtPublicKeys: { arn: 'JWT_PUBLIC_KEYS_SECRET_ARN', value: 'JWT_PUBLIC_KEYS_JSON' },
  webhook: { arn: 'WEBHOOK_SECRET_ARN', value: 'WEBHOOK_SECRET' },
  oauthClients: { arn: 'OAUTH_SECRET_ARN', value: 'OAUTH_CLIENTS_JSON' },
} as const;

export type SecretName = keyof typeof SECRETS;

export const SECRET_CACHE_SECONDS = 5 * 60;

const fetched = new Map<string, { at: number; value: Promise<string> }>();

/** Whether the function can reach the secret at all (its ARN or its stand-in value is set). */
export function hasSecret(name: SecretName): boolean {
  const { arn, value } = SECRETS[name];
  const c = config(arn, value);
  return Boolean(c[arn] ?? c[value]);
}

/** The secret's current string; throws ConfigError naming the ARN variable when the function lacks the need. */
export function secretString(name: SecretName, now = Date.now()): Promise<string> {
  const { arn, value } = SECRETS[name];
  const c = config(arn, value);
  const local = c[value];
  if (local) return Promise.resolve(local);
  const secretArn = c[arn];
  if (!secretArn) return Promise.reject(new ConfigError(`Invalid configuration — ${arn}: required (declare the need that carries it)`));
  const hit = fetched.get(secretArn);
  if (hit && now - hit.at < SECRET_CACHE_SECONDS * 1000) return hit.value;
  const read = secretsManager()
    .then(({ client, sdk }) => client.send(new sdk.GetSecretValueCommand({ SecretId: secretArn })))
    .then((out) => {
      if (!out.SecretString) throw new ConfigError(`${arn} holds no SecretString`);
      return out.SecretString;
    });
  // A failed read is not kept: the next call tries again.
  read.catch(() => {
    if (fetched.get(secretArn)?.value === read) fetched.delete(secretArn);
  });
  fetched.set(secretArn, { at: now, value: read });
  return read;
}

/** For tests that change secrets between cases. */
export function resetSecretCache(): void {
  fetched.clear();
}
