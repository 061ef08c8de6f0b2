import { dynamoSalesPolicyStore } from '#adapters/dynamo/sales-policy-store';
import { realHoldSeatsPorts, wireHoldSeats } from '#composition/hold-seats';
import { realReservationLifecyclePorts, wireReservationLifecycle } from '#composition/reservation-lifecycle';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock, type Clock } from '#platform/clock';
import type { AdmissionGate } from '#services/ports/admission';
import type { HoldDeadlines } from '#services/reservations/ports';
import { useStreamEvents } from '../../helpers/stream-events';
import { recordingDeadlines } from './fixtures';

/** The events the table's change stream announces for this file's writes. */
const events = useStreamEvents();

/**
 * The reservation services as production wires them (functions/composition), over the real DynamoDB adapters,
 * with a settable clock, recording deadlines, the events the change stream announces, an open admission gate and the uncached policy
 * store, so a test's policy change applies to its next hold.
 */
export function reservationServices(options: { clock?: Clock; admission?: AdmissionGate; deadlineFailure?: Error; deadlines?: HoldDeadlines } = {}) {
  const clock = options.clock ?? new ManualClock(new Date());
  const deadlines = recordingDeadlines(options.deadlineFailure);
  const policies = dynamoSalesPolicyStore(dynamo, tableName);
  const ports = { ...realReservationLifecyclePorts(), deadlines, policies, clock };
  const lifecycle = wireReservationLifecycle(ports);
  const holdPorts = {
    ...realHoldSeatsPorts(),
    policies,
    admission: options.admission ?? { verify: async () => undefined },
    deadlines: options.deadlines ?? deadlines,
    clock,
    popularity: undefined,
  };
  return {
    clock,
    events,
    deadlines,
    ports,
    lifecycle,
    reservations: ports.reservations,
    seats: holdPorts.seats,
    policies,
    hold: wireHoldSeats(holdPorts),
    expire: lifecycle.expire,
    change: lifecycle.change,
  };
}
