import { logger } from '#platform/logger';
import type { ServerMessage } from '#domain/realtime/messages';
import type { PushResult, RealtimePush } from '#services/ports/realtime';

/**
 * At most this many @connections calls in flight per fan-out: enough to keep one function busy (a call is a few ms
 * in AWS) without opening thousands of sockets at once or bursting past the account's API Gateway rate.
 */
export const PUSH_CONCURRENCY = 64;

/** When a fan-out may reach each connection, and what it hears back as each one is done (./fan-out-pace.ts). */
export interface Pacing {
  notBefore(index: number): number;
  settled(index: number): void;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Sends one message to many connections, PUSH_CONCURRENCY at a time, in order. A connection that is gone (410) is
 * handed to `forget`; any other failure is logged and skipped, so one broken connection never stops the others' pushes.
 */
export async function pushAll(push: RealtimePush, connectionIds: readonly string[], message: ServerMessage, forget: (connectionId: string) => Promise<void>, pacing?: Pacing): Promise<number> {
  let sent = 0;
  let next = 0;
  const deliver = async (connectionId: string) => {
    let result: PushResult;
    try {
      result = await push.send(connectionId, message);
    } catch (error) {
      logger.warn('push failed', { connectionId, type: message.type, error: error as Error });
      return;
    }
    if (result === 'sent') sent++;
    else await forget(connectionId).catch((e: unknown) => logger.warn('could not forget a gone connection', { connectionId, error: e as Error }));
  };
  const lane = async () => {
    while (next < connectionIds.length) {
      const i = next++;
      const wait = pacing ? pacing.notBefore(i) - pacing.now() : 0;
      if (wait > 0) await pacing?.sleep(wait);
      await deliver(connectionIds[i] as string);
      pacing?.settled(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PUSH_CONCURRENCY, connectionIds.length) }, lane));
  return sent;
}
