import { reservationsOfConcertSince } from '#adapters/dynamo/sale-activity-reader';
import { systemClock } from '#platform/clock';

/** The sale-stats read over the concert's reservations in DynamoDB (every GSI2 shard). */
export const saleStatsPorts = { reservationsSince: reservationsOfConcertSince, clock: systemClock };
