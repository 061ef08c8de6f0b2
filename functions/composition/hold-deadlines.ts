import { dynamoOverdueHolds } from '#adapters/dynamo/reservations-overdue';
import { stepFunctionsHoldDeadlines } from '#adapters/stepfunctions/hold-deadlines';
import { sfn } from '#platform/clients/sfn';
import { config } from '#platform/config';
import { deadlinesWithFallback } from '#services/reservations/overdue-sweep';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

/** One Step Functions execution per hold, with the overdue marker the sweep falls back on when SFN is away. */
export const realHoldDeadlines = lazy(() =>
  deadlinesWithFallback(
    stepFunctionsHoldDeadlines(sfn, () => config('HOLD_DEADLINES_STATE_MACHINE_ARN').HOLD_DEADLINES_STATE_MACHINE_ARN),
    dynamoOverdueHolds(db, tableName),
  ),
);
