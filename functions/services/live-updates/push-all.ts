import { logger } from '#platform/logger';
import type { RealtimePush } from '#services/ports/realtime';

/**
 * Sends one message to many connections side by side. A connection that is gone (410) is handed to `forget`; any
 * other failure is logged and skipped, so one broken connection never stops the others' pushes.
 */
export async function pushAll(push: RealtimePush, connectionIds: readonly string[], message: Record<string, unknown>, forget: (connectionId: string) => Promise<void>): Promise<number> {
  const results = await Promise.allSettled(connectionIds.map((id) => push.send(id, message)));
  let sent = 0;
  await Promise.all(
    results.map(async (r, i) => {
      const connectionId = connectionIds[i] as string;
      if (r.status === 'rejected') return logger.warn('push failed', { connectionId, type: message.type, error: r.reason as Error });
      if (r.value === 'sent') sent++;
      else await forget(connectionId).catch((e: unknown) => logger.warn('could not forget a gone connection', { connectionId, error: e as Error }));
    }),
  );
  return sent;
}
