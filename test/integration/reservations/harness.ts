import { dynamoHoldWriter } from '#adapters/dynamo/reservations-hold';
import { reservationItem } from '#adapters/dynamo/reservations-items';
import { dynamoReservationReader } from '#adapters/dynamo/reservations-read';
import { dynamoReservationReleaser } from '#adapters/dynamo/reservations-release';
import { dynamoReservationTransitions } from '#adapters/dynamo/reservations-transition';
import { dynamoSalesPolicyStore } from '#adapters/dynamo/sales-policy-store';
import { dynamoSeatCatalog } from '#adapters/dynamo/seats-catalog';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock, type Clock } from '#platform/clock';
import { ulids } from '#platform/ids';
import type { AdmissionGate } from '#services/ports/admission';
import type { HoldDeadlines } from '#services/reservations/ports';
import { changeReservation } from '#services/reservations/change-reservation';
import { expireReservation } from '#services/reservations/expire-reservation';
import { holdSeats } from '#services/reservations/hold-seats';
import { recordingDeadlines, recordingPublisher } from './fixtures';

/** The reservation services over the real DynamoDB adapters, with a settable clock and recording side ports. */
export function reservationServices(options: { clock?: Clock; admission?: AdmissionGate; deadlineFailure?: Error; deadlines?: HoldDeadlines } = {}) {
  const clock = options.clock ?? new ManualClock(new Date());
  const events = recordingPublisher();
  const deadlines = recordingDeadlines(options.deadlineFailure);
  const reservations = dynamoReservationReader(dynamo, tableName);
  const seats = dynamoSeatCatalog(dynamo, tableName);
  const releaser = dynamoReservationReleaser(dynamo, tableName, reservationItem);
  return {
    clock,
    events,
    deadlines,
    reservations,
    seats,
    policies: dynamoSalesPolicyStore(dynamo, tableName),
    hold: holdSeats({
      seats,
      policies: dynamoSalesPolicyStore(dynamo, tableName),
      holds: dynamoHoldWriter(dynamo, tableName, reservationItem),
      admission: options.admission ?? { verify: async () => undefined },
      deadlines: options.deadlines ?? deadlines,
      events,
      clock,
      ids: ulids,
    }),
    expire: expireReservation({ reservations, releaser, events, clock }),
    change: changeReservation({ reservations, transitions: dynamoReservationTransitions(dynamo, tableName, reservationItem, releaser), events, deadlines, clock }),
  };
}
