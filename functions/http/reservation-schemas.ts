import * as z from 'zod/mini';

/** Path and paging schemas the reservations and lifecycle routes share. */
export const reservationParams = z.object({ reservationId: z.string().check(z.minLength(1), z.maxLength(64)) });
export const limit = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20);
export const cursor = z.optional(z.string().check(z.minLength(1), z.maxLength(2048)));
