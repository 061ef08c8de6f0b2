import type { ChainableCommander } from 'ioredis';

/**
 * Runs a pipeline or MULTI and returns its replies, throwing the first command error. ioredis resolves `exec()` with
 * `[error, reply]` pairs and a `null` reply when a command failed; read without this check, an outage looks like an
 * empty key — "no slot", "not admitted" — instead of the 503 it is.
 */
export async function execReplies<T extends unknown[]>(chain: ChainableCommander): Promise<T> {
  const results = await chain.exec();
  if (!results) throw new Error('Redis transaction aborted');
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return results.map(([, reply]) => reply) as T;
}
