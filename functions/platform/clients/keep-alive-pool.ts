import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { timeoutError } from '../deadlines';
import { declaredLength, readMessage, statusOf, type HeaderFields } from './http1-framing';

/** What the endpoint answered, whatever the status; a socket error or a timeout rejects instead. */
export interface Answer {
  status: number;
  headers: HeaderFields;
  body: string;
}

export interface Exchange {
  /** The request target: path and query. */
  target: string;
  /** Lower-case names; `host` among them. */
  headers: Record<string, string>;
  body: string;
  /** From the exchange's start to its answer's last byte. */
  attemptMs: number;
  /** From the exchange's start to a connected socket: the wait for a free one in the pool included. */
  connectMs: number;
}

export interface KeepAlivePool {
  post(exchange: Exchange): Promise<Answer>;
  destroy(): void;
}

const LINE_BREAK = /[\r\n]/;
/** What node:http calls a connection the server closed before answering; the clients retry it. */
const hangUp = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

interface InFlight {
  connected(): void;
  answer(answer: Answer): void;
  fail(error: Error): void;
}

interface Waiter {
  start(lane: Lane): void;
  fail(error: Error): void;
}

interface Lane {
  socket: Socket;
  connected: boolean;
  /** What the socket sent since the last whole answer. */
  received: Buffer[];
  receivedBytes: number;
  /** Bytes the answer being read declared it takes: no parse until they are in. */
  awaiting: number;
  /** Set while the lane carries an exchange; a lane without one is in the pool or closing. */
  inFlight?: InFlight;
  /** A response whose body runs to the close: where that body starts in `received`. */
  bodyUntilClose?: { status: number; headers: HeaderFields; start: number };
  error?: Error;
}

/**
 * POSTs to one endpoint over kept-alive HTTP/1.1 sockets (TLS for https), at most `maxSockets` at once, the rest
 * queued. A push fan-out makes thousands of these a second from one invocation, and node:http's client builds a
 * ClientRequest, an agent lookup, an IncomingMessage stream and their listeners for each: `npm run bench:push` puts
 * the same signed post through both. Here a request is one write and an answer one parse (./http1-framing.ts).
 * A socket that errs, closes, answers out of turn or sends more than one answer is dropped, never reused.
 */
export function keepAlivePool(o: { url: URL; maxSockets: number; dependency: string }): KeepAlivePool {
  const secure = o.url.protocol === 'https:';
  const host = o.url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(o.url.port) || (secure ? 443 : 80);
  const idle: Lane[] = [];
  const waiting: Waiter[] = [];
  let open = 0;
  let destroyed = false;

  function dial(): Lane {
    open++;
    const socket = secure ? tlsConnect({ host, port, ALPNProtocols: ['http/1.1'], ...(isIP(host) ? {} : { servername: host }) }) : netConnect({ host, port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    const lane: Lane = { socket, connected: false, received: [], receivedBytes: 0, awaiting: 0 };
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      lane.connected = true;
      lane.inFlight?.connected();
    });
    socket.on('data', (chunk: Buffer) => onData(lane, chunk));
    socket.on('error', (error) => (lane.error = error));
    socket.once('close', () => onClose(lane));
    return lane;
  }

  /** All the socket sent since the last whole answer, as one buffer. */
  function joined(lane: Lane): Buffer {
    if (lane.received.length > 1) lane.received = [Buffer.concat(lane.received, lane.receivedBytes)];
    return lane.received[0] ?? Buffer.alloc(0);
  }

  function keep(lane: Lane, rest: Buffer): void {
    lane.received = rest.length ? [rest] : [];
    lane.receivedBytes = rest.length;
    lane.awaiting = 0;
  }

  function onData(lane: Lane, chunk: Buffer): void {
    const inFlight = lane.inFlight;
    if (!inFlight) return void lane.socket.destroy();
    lane.received.push(chunk);
    lane.receivedBytes += chunk.length;
    if (lane.bodyUntilClose || lane.receivedBytes < lane.awaiting) return;
    try {
      for (;;) {
        const received = joined(lane);
        const message = readMessage(received, 'response');
        if (!message) {
          lane.awaiting = declaredLength(received, 'response') ?? 0;
          return;
        }
        const status = statusOf(message.startLine);
        if ('untilClose' in message) {
          lane.bodyUntilClose = { status, headers: message.headers, start: message.bodyStart };
          return;
        }
        const rest = received.subarray(message.length);
        keep(lane, rest);
        // An informational answer (100 Continue) precedes the real one.
        if (status < 200) {
          if (!rest.length) return;
          continue;
        }
        lane.inFlight = undefined;
        if (rest.length || message.closes) lane.socket.destroy();
        else release(lane);
        return inFlight.answer({ status, headers: message.headers, body: message.body.toString('utf8') });
      }
    } catch (error) {
      lane.inFlight = undefined;
      lane.socket.destroy();
      inFlight.fail(error as Error);
    }
  }

  function onClose(lane: Lane): void {
    open--;
    const at = idle.indexOf(lane);
    if (at !== -1) idle.splice(at, 1);
    const inFlight = lane.inFlight;
    lane.inFlight = undefined;
    if (inFlight) {
      const untilClose = lane.bodyUntilClose;
      if (untilClose && !lane.error) inFlight.answer({ status: untilClose.status, headers: untilClose.headers, body: joined(lane).toString('utf8', untilClose.start) });
      else inFlight.fail(lane.error ?? hangUp());
    }
    // A queued exchange takes the closed socket's place.
    const next = waiting.shift();
    if (next) next.start(dial());
  }

  function release(lane: Lane): void {
    if (destroyed) return void lane.socket.destroy();
    const next = waiting.shift();
    if (next) return next.start(lane);
    // An idle socket does not keep a script or a test's process alive.
    lane.socket.unref();
    idle.push(lane);
  }

  function acquire(waiter: Waiter): void {
    for (let lane = idle.pop(); lane; lane = idle.pop()) {
      if (lane.socket.destroyed || !lane.socket.writable || lane.socket.readableEnded) continue;
      lane.socket.ref();
      return waiter.start(lane);
    }
    if (open < o.maxSockets) return waiter.start(dial());
    waiting.push(waiter);
  }

  return {
    post({ target, headers, body, attemptMs, connectMs }) {
      if (destroyed) return Promise.reject(new Error(`${o.dependency}: the client was destroyed`));
      let head = `POST ${target} HTTP/1.1\r\n`;
      for (const name in headers) {
        const value = headers[name] as string;
        if (LINE_BREAK.test(value)) return Promise.reject(new Error(`${o.dependency}: header ${name} holds a line break`));
        head += `${name}: ${value}\r\n`;
      }
      if (LINE_BREAK.test(target)) return Promise.reject(new Error(`${o.dependency}: the request target holds a line break`));
      const request = `${head}content-length: ${Buffer.byteLength(body)}\r\nconnection: keep-alive\r\n\r\n${body}`;

      return new Promise<Answer>((resolve, reject) => {
        let lane: Lane | undefined;
        let settled = false;
        const settle = () => {
          settled = true;
          clearTimeout(attemptTimer);
          clearTimeout(connectTimer);
        };
        // Rejects before destroying, so the error the caller sees is the timeout, not the socket's reaction to it.
        const cut = (message: string) => () => {
          if (settled) return;
          settle();
          reject(timeoutError(message));
          if (lane) {
            lane.inFlight = undefined;
            lane.socket.destroy();
          } else {
            const at = waiting.indexOf(waiter);
            if (at !== -1) waiting.splice(at, 1);
          }
        };
        const attemptTimer = setTimeout(cut(`${o.dependency} did not answer within ${attemptMs} ms`), attemptMs);
        const connectTimer = setTimeout(cut(`${o.dependency}: no connection within ${connectMs} ms`), connectMs);
        const fail = (error: Error) => {
          if (settled) return;
          settle();
          reject(error);
        };
        const waiter: Waiter = { start, fail };
        function start(taken: Lane) {
          lane = taken;
          lane.inFlight = {
            connected: () => clearTimeout(connectTimer),
            answer: (answer) => {
              if (settled) return;
              settle();
              resolve(answer);
            },
            fail,
          };
          if (lane.connected) clearTimeout(connectTimer);
          lane.socket.write(request);
        }
        acquire(waiter);
      });
    },
    destroy() {
      destroyed = true;
      for (const waiter of waiting.splice(0)) waiter.fail(new Error(`${o.dependency}: the client was destroyed`));
      for (const lane of idle.splice(0)) lane.socket.destroy();
    },
  };
}
