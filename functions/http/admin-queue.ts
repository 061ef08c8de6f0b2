import * as z from 'zod/mini';
import { httpHandler } from '#platform/http';
import { normaliseQueueConfig, queueConfigSchema } from '#domain/waiting-room/queue-config';
import { waitingRoomQueue } from '#composition/waiting-room-queue';

const params = z.object({ concertId: z.string().check(z.minLength(1), z.maxLength(64)) });

/** GET /v1/admin/concerts/{concertId}/queue-config — the stored config, or the defaults. */
export const getQueueConfig = httpHandler({ auth: 'admin', params }, ({ params }) => waitingRoomQueue().settings.config(params.concertId));

/**
 * PUT /v1/admin/concerts/{concertId}/queue-config — the whole config, validated field by field. `paused: true` stops
 * admission (everyone keeps their place) until a PUT without it; each change is audited with the admin's id.
 */
export const putQueueConfig = httpHandler({ auth: 'admin', params, body: queueConfigSchema }, ({ params, body, principal, requestId }) =>
  waitingRoomQueue().settings.change(params.concertId, normaliseQueueConfig(body), { userId: principal.userId, requestId }),
);
