import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { RESERVATION_STATUSES } from '#domain/reservations/reservation';
import { liveUpdates } from '#composition/live-updates';

const detail = z.object({ reservationId: z.string(), userId: z.string(), status: z.enum(RESERVATION_STATUSES) });

/** Rule `ReservationStatusPush` (every Reservation* event): `RESERVATION` to the owner's connections. */
export const handler = async (event: EventBridgeEvent<string, unknown>) => liveUpdates().notifyOwner(detail.parse(event.detail));
