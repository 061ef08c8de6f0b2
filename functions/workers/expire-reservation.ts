import * as z from 'zod/mini';
import { taskHandler, scheduledHandler } from '#platform/worker';
import { reservationExpiry } from '#composition/reservation-expiry';

const input = z.object({ reservationId: z.string().check(z.minLength(1)), phase: z.enum(['HOLD', 'PAYING']) });

/**
 * The hold-deadline state machine's task: `{ reservationId, phase }` → `{ status, paymentExpiresAt? }`.
 * After the HOLD phase, `status === 'PAYING'` makes the machine wait for `paymentExpiresAt` and call again.
 */
export const handler = taskHandler(input, ({ reservationId, phase }) => reservationExpiry().expire(reservationId, phase));

/** Every minute: expire holds whose deadline execution could not be started (see overdue-sweep.ts). */
export const sweep = scheduledHandler(() => reservationExpiry().sweep());
