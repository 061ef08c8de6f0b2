import { dynamoIdempotencyStore } from '#adapters/dynamo/idempotency-store';
import { systemClock } from '#platform/clock';
import { idempotency } from '#services/idempotency';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

/** The one idempotency service every `idempotent: true` route runs under. */
export const realIdempotency = lazy(() => idempotency({ store: dynamoIdempotencyStore(db, tableName), clock: systemClock }));
