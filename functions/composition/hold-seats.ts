import { dynamoHoldWriter } from '#adapters/dynamo/reservations-hold';
import { reservationToItem } from '#adapters/dynamo/entities/reservation';
import { dynamoSeatCatalog } from '#adapters/dynamo/seats-catalog';
import { redisPopularitySink } from '#adapters/redis/catalog-popularity';
import { redisSeatChangeInbox } from '#adapters/redis/seat-change-inbox';
import { redis } from '#platform/clients/redis';
import { systemClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { holdSeats, type HoldSeatsDeps } from '#services/reservations/hold-seats';
import { admissionGate } from './admission-gate';
import { realHoldDeadlines } from './hold-deadlines';
import { lazy } from './lazy';
import { realSalesPolicies } from './sales-policies';
import { db, tableName } from './shared-ports';

/** The hold use case's ports: the production ones, which tests and the contention benchmark override in part. */
export function realHoldSeatsPorts(): HoldSeatsDeps {
  return {
    seats: dynamoSeatCatalog(db, tableName),
    policies: realSalesPolicies(),
    holds: dynamoHoldWriter(db, tableName, reservationToItem),
    // The waiting room's gate: a valid token for this user and concert whose slot is still ACTIVE.
    admission: { verify: (token, userId, concertId) => admissionGate().verify(token, userId, concertId) },
    deadlines: realHoldDeadlines(),
    clock: systemClock,
    ids: ulids,
    popularity: redisPopularitySink(redis),
    seatChanges: redisSeatChangeInbox(redis),
  };
}

export const wireHoldSeats = (ports: HoldSeatsDeps) => holdSeats(ports);

export const holdSeatsUseCase = lazy(() => wireHoldSeats(realHoldSeatsPorts()));
