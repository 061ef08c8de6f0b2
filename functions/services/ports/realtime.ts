import type { ServerMessage } from '#domain/realtime/messages';

/**
 * Pushes to WebSocket clients through API Gateway's @connections API. `gone` means the connection no longer
 * exists (410): callers drop it from their registry.
 */
export type PushResult = 'sent' | 'gone';

export interface RealtimePush {
  send(connectionId: string, message: ServerMessage): Promise<PushResult>;
}
