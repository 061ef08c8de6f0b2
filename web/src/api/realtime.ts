import { store } from '../ui/store';
import { config } from './config';
import type { ServerMessage } from '../../../functions/domain/realtime/messages';
import { backoffDelay } from './realtime-backoff';
import { freshToken, session } from './session';

/**
 * One WebSocket per page. Subscriptions are remembered and replayed after each reconnect; reconnects back off
 * exponentially with full jitter (a dropped gateway must not be hit by every fan at the same instant).
 */
export type LinkState = { state: 'idle' } | { state: 'connecting' } | { state: 'open'; since: number } | { state: 'waiting'; retryAtMs: number };

export const link = store<LinkState>({ state: 'idle' });

const handlers = new Set<(m: ServerMessage) => void>();
const subscriptions = new Map<string, object>();
let socket: WebSocket | undefined;
let attempt = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let wanted = false;

const send = (msg: object) => {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
};

async function connect(): Promise<void> {
  clearTimeout(retryTimer);
  if (!wanted || socket) return;
  const token = await freshToken();
  if (!token) return link.set({ state: 'idle' });
  link.set({ state: 'connecting' });
  const ws = new WebSocket(`${config().wsUrl}?token=${encodeURIComponent(token)}`);
  socket = ws;
  ws.onopen = () => {
    attempt = 0;
    link.set({ state: 'open', since: Date.now() });
    for (const msg of subscriptions.values()) send(msg);
  };
  ws.onmessage = (e) => {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(e.data)) as ServerMessage;
    } catch {
      return;
    }
    for (const h of [...handlers]) h(msg);
  };
  ws.onclose = () => {
    if (socket === ws) socket = undefined;
    if (!wanted) return link.set({ state: 'idle' });
    const delay = backoffDelay(attempt++);
    link.set({ state: 'waiting', retryAtMs: Date.now() + delay });
    retryTimer = setTimeout(() => void connect(), delay);
  };
}

// API Gateway closes sockets idle for 10 minutes.
setInterval(() => send({ action: 'ping' }), 5 * 60_000);
session.subscribe((s) => {
  if (s) return;
  socket?.close();
});

export const realtime = {
  /** Opens the socket for pushes addressed to the user (RESERVATION) without subscribing to anything. */
  connect(): void {
    wanted = true;
    void connect();
  },
  on(fn: (m: ServerMessage) => void): () => void {
    handlers.add(fn);
    return () => handlers.delete(fn);
  },
  /** Keeps `msg` subscribed (replayed on reconnect) until the returned function runs, which sends `off`. */
  watch(key: string, msg: object, off?: object): () => void {
    wanted = true;
    subscriptions.set(key, msg);
    if (socket) send(msg);
    else void connect();
    return () => {
      subscriptions.delete(key);
      if (off) send(off);
    };
  },
};
