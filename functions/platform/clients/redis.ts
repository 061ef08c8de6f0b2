import { config } from '../config';
import { createRedis } from '../redis-client';
import { lazyClient } from './lazy-client';

export const redis = lazyClient(() => createRedis(config('REDIS_URL').REDIS_URL));
