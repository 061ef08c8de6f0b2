import { liveUpdates } from '#composition/live-updates';
import { logger } from '#platform/logger';
import { sqsBatchHandler } from '#platform/worker';
import { parseFanOutPart } from '#services/live-updates/fan-out-part';

/**
 * The seat fan-out queue's consumer: sends one part of a big show's SEATS version (one message a batch). A part that
 * fails is retried once; a body that is not a part is dropped with the reason, since no retry could send it.
 */
export const handler = sqsBatchHandler(async (records) => {
  const failed: string[] = [];
  for (const record of records) {
    const parsed = parseFanOutPart(record.body);
    if ('refused' in parsed) {
      logger.error('dropping a fan-out message that is not a part', { messageId: record.messageId, reason: parsed.refused });
      continue;
    }
    try {
      await liveUpdates().seats.sendPart(parsed.part);
    } catch (error) {
      logger.warn('fan-out part failed; it is retried once', { error: error as Error, messageId: record.messageId });
      failed.push(record.messageId);
    }
  }
  return failed;
});
