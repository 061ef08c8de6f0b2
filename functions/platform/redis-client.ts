import { Redis, type Command } from 'ioredis';
import { attemptTimeoutMs, redisDeadlineSettings } from './deadlines';
import { logger } from './logger';

/**
 * An ioredis client whose every command carries a timeout cut to the invocation's budget (./deadlines), so a
 * paused redis-server costs a request at most that long. `commandTimeout` stays set as the backstop; ioredis keeps
 * the first timeout a command gets, which is this one.
 */
class DeadlineRedis extends Redis {
  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    command.setTimeout(Math.max(1, attemptTimeoutMs()));
    return super.sendCommand(command, stream);
  }
}

export function createRedis(url: string): Redis {
  const client = new DeadlineRedis(url, { ...redisDeadlineSettings(), lazyConnect: false });
  // Without an `error` listener ioredis prints every reconnect failure as an unhandled error. One warning per outage:
  // the first error after a healthy connection, then quiet until the connection is ready again.
  let healthy = true;
  client.on('error', (error: Error) => {
    if (!healthy) return;
    healthy = false;
    logger.warn('redis connection failed; commands fail fast until it is back', { error: error.message });
  });
  client.on('ready', () => {
    if (!healthy) logger.info('redis connection is back');
    healthy = true;
    // Queue commands only while a cold start connects; once connected, a command during an outage fails at once
    // (503) instead of piling up for a reconnect that may not come before the invocation ends.
    client.options.enableOfflineQueue = false;
  });
  return client;
}
