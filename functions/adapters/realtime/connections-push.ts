import { GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { connections } from '#platform/clients/connections';
import type { PushResult, RealtimePush } from '#services/ports/realtime';

/** Pushes through API Gateway's @connections API; a 410 (GoneException) means the client is no longer there. */
export const connectionsPush: RealtimePush = {
  async send(connectionId, message): Promise<PushResult> {
    try {
      await connections().send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }));
      return 'sent';
    } catch (e) {
      if (e instanceof GoneException) return 'gone';
      throw e;
    }
  },
};
