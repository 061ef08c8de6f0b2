import { config } from '../config';
import { createRedis } from '../redis-client';
import { lazyClient } from './lazy-client';

const url = () => config('REDIS_URL').REDIS_URL;
const client = lazyClient(() => createRedis(url()));

/**
 * The URL is read on every use (memoised, so cheap): a function without the `redis` need fails at its first
 * command even in a process where another function built the client (the local cloud).
 */
export const redis = () => {
  url();
  return client();
};
