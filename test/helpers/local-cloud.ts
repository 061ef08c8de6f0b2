import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import type { HandlerRef } from '../../lib/capabilities/types';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local/cloud';

/** A handler in `test/fixtures/<file>.ts` as a HandlerRef (refs are relative to functions/). */
export const fixture = (file: string, exportName: string) => `../test/fixtures/${file}.${exportName}` as HandlerRef;

/** A stand-in authorizer (see test/fixtures/authorizer.ts) for tests of the gateway's own mechanics. */
export const fixtureAuthorizer = fixture('authorizer', 'handler');

/**
 * Starts one local cloud for the test file (free port, no seed data) and stops it afterwards. Tests reach it over
 * real HTTP/WebSocket, and in-process code sees the same `process.env` the handlers see. The defaults suit tests
 * of the gateway's mechanics (stand-in authorizer, no state machines); `useSystemCloud` is the real system.
 */
export function useLocalCloud(options: LocalCloudOptions = {}): () => LocalCloud {
  return useCloud({ port: 0, seed: false, authorizer: fixtureAuthorizer, stateMachines: [], ...options });
}

/** The whole system as `npm run local` runs it: real authorizer, routes, handlers and hold-deadline machine. */
export function useSystemCloud(options: Pick<LocalCloudOptions, 'seed' | 'env' | 'eventRules'> = {}): () => LocalCloud {
  return useCloud({ port: 0, seed: false, ...options });
}

function useCloud(options: LocalCloudOptions): () => LocalCloud {
  let cloud: LocalCloud | undefined;
  beforeAll(async () => {
    cloud = await startLocalCloud(options);
  });
  afterAll(async () => {
    await cloud?.stop();
  });
  return () => {
    if (!cloud) throw new Error('the local cloud did not start');
    return cloud;
  };
}

/** Polls `read` until `done` holds; every wait has a timeout. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface TestSocket {
  socket: WebSocket;
  /** The next message from the server, parsed; rejects after a timeout. */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  send(message: unknown): void;
  close(): Promise<void>;
}

/** Opens a WebSocket; rejects with the HTTP status when the gateway refuses the upgrade. */
export function openSocket(url: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const inbox: Record<string, unknown>[] = [];
    const waiters: Array<(m: Record<string, unknown>) => void> = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else inbox.push(message);
    });
    socket.once('unexpected-response', (_req, res) => reject(new RefusedUpgrade(res.statusCode ?? 0)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        send: (message) => socket.send(JSON.stringify(message)),
        next: (timeoutMs = 10_000) =>
          new Promise((res, rej) => {
            const queued = inbox.shift();
            if (queued) return res(queued);
            const timer = setTimeout(() => rej(new Error('no message within the timeout')), timeoutMs);
            waiters.push((m) => {
              clearTimeout(timer);
              res(m);
            });
          }),
        close: () =>
          new Promise((res) => {
            if (socket.readyState === WebSocket.CLOSED) return res();
            socket.once('close', () => res());
            socket.close();
          }),
      }),
    );
  });
}

export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`WebSocket upgrade refused with ${status}`);
  }
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
}

/** Calls the REST API through the gateway as any client would; the body is parsed JSON (or `{}` when empty). */
export async function callApi<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(`${baseUrl}/v1${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers };
}
