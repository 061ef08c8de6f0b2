import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by EVALSHA, loaded with EVAL on the first NOSCRIPT (a fresh or restarted Redis): one round
 * trip in the steady state.
 */
export class LuaScript {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run<T>(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number | Buffer>): Promise<T> {
    try {
      return (await redis.evalsha(this.sha, keys.length, ...keys, ...args)) as T;
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      return (await redis.eval(this.source, keys.length, ...keys, ...args)) as T;
    }
  }

  /** The same, with string replies as Buffers (for scripts that return binary values). */
  async runBuffer<T>(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number | Buffer>): Promise<T> {
    try {
      return (await redis.callBuffer('EVALSHA', this.sha, keys.length, ...keys, ...args)) as T;
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      return (await redis.callBuffer('EVAL', this.source, keys.length, ...keys, ...args)) as T;
    }
  }
}
