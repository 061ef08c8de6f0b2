import * as z from 'zod';
import { httpHandler } from '#platform/http';
import { normaliseQueueConfig, queueConfigSchema } from '#domain/waiting-room/queue-config';
import { waitingRoom } from '#composition/waiting-room';

const params = z.object({ concertId: z.string().min(1).max(64) });

/** GET /v1/admin/concerts/{concertId}/queue-config — the stored config, or the defaults. */
export const getQueueConfig = httpHandler({ auth: 'admin', params }, ({ params }) => waitingRoom().settings.config(params.concertId));

/** PUT /v1/admin/concerts/{concertId}/queue-config — the whole config, validated field by field. */
export const putQueueConfig = httpHandler({ auth: 'admin', params, body: queueConfigSchema }, ({ params, body }) =>
  waitingRoom().settings.save(params.concertId, normaliseQueueConfig(body)),
);
