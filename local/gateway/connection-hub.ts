import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { AuthorizerContext } from './authorizer';

export interface LiveConnection {
  id: string;
  socket: WebSocket;
  connectedAt: Date;
  lastActiveAt: Date;
  sourceIp: string;
  userAgent: string;
  authorizer: AuthorizerContext;
}

/** The WebSocket connections the gateway holds open, by API Gateway-style connection id. */
export class ConnectionHub {
  private readonly live = new Map<string, LiveConnection>();
  /** Messages the @connections stand-in delivered: what a load run counts the push cost by, at its source. */
  private delivered = 0;

  countDelivered(): void {
    this.delivered++;
  }

  get messagesDelivered(): number {
    return this.delivered;
  }

  /** Ids look like API Gateway's (`L0SM9cOFvHcCIhw=`): 11 random bytes in base64. */
  newId(): string {
    return randomBytes(11).toString('base64');
  }

  add(connection: LiveConnection): void {
    this.live.set(connection.id, connection);
  }

  get(id: string): LiveConnection | undefined {
    return this.live.get(id);
  }

  remove(id: string): void {
    this.live.delete(id);
  }

  all(): LiveConnection[] {
    return [...this.live.values()];
  }
}
