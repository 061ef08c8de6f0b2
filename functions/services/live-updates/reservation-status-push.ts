import type { ReservationStatus } from '#domain/reservations/reservation';
import type { Clock } from '#platform/clock';
import { reservationMessage } from '#domain/realtime/messages';
import type { ConnectionRegistry } from '#services/ports/connection-registry';
import type { RealtimePush } from '#services/ports/realtime';
import { pushAll } from './push-all';

/** `{"type":"RESERVATION","reservationId","status","ts"}` to every connection of the reservation's owner. */
export function reservationStatusPush(deps: { registry: ConnectionRegistry; push: RealtimePush; clock: Clock }) {
  return async function notify(change: { userId: string; reservationId: string; status: ReservationStatus }): Promise<{ pushed: number }> {
    const connections = await deps.registry.connectionsOf(change.userId);
    const message = reservationMessage(change.reservationId, change.status, deps.clock.now());
    return { pushed: await pushAll(deps.push, connections, message, (id) => deps.registry.unregister(id)) };
  };
}
