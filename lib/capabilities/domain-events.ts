import { EVENT_ENTITIES } from '../../functions/adapters/dynamo/keys';
import type { Capability } from './types';

/**
 * Domain events (ReservationHeld … SeatsReleased, PaymentCaptured, AbuseBlocked) follow from the table's change
 * stream: the writes of reservations, payment intents and abuse-audit rows, announced on the bus after their commit.
 */
export const domainEvents: Capability = {
  name: 'domain-events',
  changeStream: {
    consumer: 'workers/change-stream.handler',
    needs: ['events'],
    entities: Object.values(EVENT_ENTITIES),
    batchSize: 100,
    maxBatchingWindowSeconds: 0,
    retryAttempts: 10,
    timeoutSeconds: 30,
  },
};
