/**
 * Which user holds which WebSocket connections, so a capability can push to a user wherever they are connected.
 * Entries lapse on their own after API Gateway's 2-hour connection limit even if `$disconnect` never ran.
 */
export interface ConnectionRegistry {
  register(connectionId: string, userId: string): Promise<void>;
  unregister(connectionId: string): Promise<void>;
  userOf(connectionId: string): Promise<string | undefined>;
  connectionsOf(userId: string): Promise<string[]>;
}
