import { randomBytes } from 'node:crypto';

/**
 * Secrets the local stage generates at start (AWS reads them from Secrets Manager). This is the one place to add
 * more, e.g. the JWT key set as JWT_KEYS_JSON. A value already in the environment wins, so a fixed secret can be
 * pinned from the shell.
 */
export async function localSecrets(): Promise<Record<string, string>> {
  return {
    WEBHOOK_SECRET: process.env.WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
  };
}
