import { Redis } from 'ioredis';
import { config } from '../config';
import { lazyClient } from './lazy-client';

export const redis = lazyClient(
  () =>
    new Redis(config('REDIS_URL').REDIS_URL, {
      // Fail fast instead of queueing commands while Redis is away; callers map it to 503.
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
      lazyConnect: false,
    }),
);
