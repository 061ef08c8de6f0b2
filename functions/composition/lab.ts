import { dynamoLabLedger } from '#adapters/dynamo/lab-ledger';
import { dynamoLeaseLock } from '#adapters/dynamo/lab-lease-lock';
import { dynamoLabSeats } from '#adapters/dynamo/lab-seats';
import { redisSeatLock } from '#adapters/redis/lab-lock';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { redis } from '#platform/clients/redis';
import { config } from '#platform/config';
import { contentionLab } from '#services/lab/contention';

export const lab = contentionLab({
  seats: dynamoLabSeats(dynamo, tableName),
  leaseLock: dynamoLeaseLock(dynamo, tableName),
  redisLock: redisSeatLock(redis),
  ledger: dynamoLabLedger(dynamo, tableName),
});

/** The lab runs on the local stage, or anywhere it is switched on explicitly. */
export function labEnabled(): boolean {
  const { STAGE, LAB_ENABLED } = config('STAGE', 'LAB_ENABLED');
  return STAGE === 'local' || LAB_ENABLED === 'true';
}
