import { liveUpdates } from '#composition/live-updates';
import { logger } from '#platform/logger';
import { sqsBatchHandler } from '#platform/worker';
import type { FanOutPart } from '#services/live-updates/ports';

/** The seat fan-out queue's consumer: sends one part of a big show's SEATS version (one message a batch). */
export const handler = sqsBatchHandler(async (records) => {
  const failed: string[] = [];
  for (const record of records) {
    try {
      await liveUpdates().seats.sendPart(JSON.parse(record.body) as FanOutPart);
    } catch (error) {
      logger.warn('fan-out part failed; it is retried once', { error: error as Error, messageId: record.messageId });
      failed.push(record.messageId);
    }
  }
  return failed;
});
