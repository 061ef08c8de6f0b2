import { connections } from '#platform/clients/connections';
import type { PushResult, RealtimePush } from '#services/ports/realtime';

/** Pushes through API Gateway's @connections API; a 410 (GoneException) means the client is no longer there. */
export const connectionsPush: RealtimePush = {
  async send(connectionId, message): Promise<PushResult> {
    const { client, sdk } = await connections();
    try {
      await client.send(new sdk.PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }));
      return 'sent';
    } catch (e) {
      if (e instanceof sdk.GoneException) return 'gone';
      throw e;
    }
  },
};
