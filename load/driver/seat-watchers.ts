/**
 * A child process of `npm run load:seats` holding a share of the seat-page watchers, so the load generator never
 * shares an event loop (or a CPU) with the local cloud it measures. Talks to the parent over IPC:
 * `open` → opens N sockets that `watchSeats` → `opened`; `report` (the seats' change instants) → `result` (latency
 * histograms in whole milliseconds, messages per second, gaps and missing changes).
 */
import WebSocket from 'ws';

export type ToWatchers =
  | { type: 'open'; wsUrl: string; token: string; showId: string; version: number; count: number }
  | {
      type: 'report';
      /** When the measured run started; the warm-up's changes (`warmup`) came before it. */
      started: number;
      changes: Array<[seatId: string, heldAt: number, requestedAt: number, answeredAt: number]>;
      warmup: Array<[seatId: string, heldAt: number]>;
    };

export type FromWatchers =
  | { type: 'opened' }
  | { type: 'failed'; message: string }
  | {
      type: 'result';
      gaps: number;
      missing: number;
      messages: number;
      /** Per version: when it was published, and when the first and the last of this process's watchers got it. */
      fanOuts: Array<[version: number, publishedAt: number, firstAt: number, lastAt: number]>;
      /** Messages received per whole second since `started`. */
      perSecond: Array<[second: number, count: number]>;
      /**
       * [ms, count] pairs per watcher and seat: change → screen (from heldAt, the hold request's start, its answer),
       * change → the message's publish instant (`ts`), and publish → screen; the warm-up's change → screen apart.
       */
      histograms: Record<'held' | 'requested' | 'answered' | 'published' | 'delivered' | 'warmup', Array<[number, number]>>;
    };

/**
 * A SEATS message as every watcher receives it: a fan-out sends one text to all of them, so each text is parsed once
 * per process and a watcher keeps only which version reached it when — the load generator spends little of the CPU
 * it shares with the cloud it measures.
 */
interface Version {
  version: number;
  publishedAt: number;
  held: string[];
}
const versions = new Map<string, Version>();

interface Watcher {
  socket: WebSocket;
  version: number;
  gaps: number;
  got: Array<[Version, at: number]>;
}

function openWatcher(wsUrl: string, token: string, showId: string, version: number, received: number[]): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
    const w: Watcher = { socket, version, gaps: 0, got: [] };
    const timer = setTimeout(() => reject(new Error('watchSeats timed out')), 30_000);
    socket.on('open', () => {
      socket.send(JSON.stringify({ action: 'watchSeats', showId }));
      // watchSeats has no reply: a ping's PONG after it says the watch was handled (messages are handled in order).
      socket.send(JSON.stringify({ action: 'ping' }));
    });
    socket.on('message', (data) => {
      const at = Date.now();
      const text = String(data);
      let v = versions.get(text);
      if (v === undefined) {
        const m = JSON.parse(text) as { type: string; version: number; ts: string; changes: Array<{ seatId: string; status: string }> };
        if (m.type === 'PONG') {
          clearTimeout(timer);
          resolve(w);
          return;
        }
        if (m.type !== 'SEATS') return;
        v = { version: m.version, publishedAt: Date.parse(m.ts), held: m.changes.filter((c) => c.status === 'HELD').map((c) => c.seatId) };
        versions.set(text, v);
      }
      received.push(at);
      if (v.version !== w.version + 1) w.gaps++;
      w.version = Math.max(w.version, v.version);
      w.got.push([v, at]);
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** seatId → when this watcher first saw it HELD, and the server's publish instant (`ts`) of that message. */
function firstSeen(w: Watcher): Map<string, [at: number, publishedAt: number]> {
  const seen = new Map<string, [number, number]>();
  for (const [v, at] of w.got) for (const seatId of v.held) if (!seen.has(seatId)) seen.set(seatId, [at, v.publishedAt]);
  return seen;
}

const histogram = () => new Map<number, number>();
const add = (h: Map<number, number>, ms: number) => h.set(Math.round(ms), (h.get(Math.round(ms)) ?? 0) + 1);

const watchers: Watcher[] = [];
const received: number[] = [];
const send = (m: FromWatchers) => process.send?.(m);

process.on('message', async (m: ToWatchers) => {
  if (m.type === 'open') {
    try {
      let next = 0;
      // 25 handshakes in flight per process; a refused one (503 over the connect budget) is retried after a pause,
      // as the web app's reconnect does.
      const open = async (attempt = 0): Promise<Watcher> =>
        openWatcher(m.wsUrl, m.token, m.showId, m.version, received).catch(async (e: Error) => {
          if (attempt >= 5) throw e;
          await new Promise((r) => setTimeout(r, 500 * 2 ** attempt * (0.5 + Math.random())));
          return open(attempt + 1);
        });
      await Promise.all(
        Array.from({ length: Math.min(25, m.count) }, async () => {
          while (next < m.count) watchers[next++] = await open();
        }),
      );
      send({ type: 'opened' });
    } catch (e) {
      send({ type: 'failed', message: (e as Error).message });
    }
    return;
  }
  const held = histogram();
  const requested = histogram();
  const answered = histogram();
  const published = histogram();
  const delivered = histogram();
  const warmup = histogram();
  let missing = 0;
  for (const w of watchers) {
    const seenBy = firstSeen(w);
    for (const [seatId, heldAt] of m.warmup) {
      const seen = seenBy.get(seatId);
      if (seen === undefined) missing++;
      else add(warmup, seen[0] - heldAt);
    }
    for (const [seatId, heldAt, requestedAt, answeredAt] of m.changes) {
      const seen = seenBy.get(seatId);
      if (seen === undefined) missing++;
      else {
        const [seenAt, publishedAt] = seen;
        add(held, seenAt - heldAt);
        add(published, publishedAt - heldAt);
        add(delivered, seenAt - publishedAt);
        add(requested, seenAt - requestedAt);
        add(answered, seenAt - answeredAt);
      }
    }
  }
  const perSecond = new Map<number, number>();
  const measured = received.filter((at) => at >= m.started);
  for (const at of measured) perSecond.set(Math.floor((at - m.started) / 1000), (perSecond.get(Math.floor((at - m.started) / 1000)) ?? 0) + 1);
  const fanOuts = new Map<Version, [number, number]>();
  for (const w of watchers) {
    for (const [v, at] of w.got) {
      const seen = fanOuts.get(v);
      fanOuts.set(v, seen ? [Math.min(seen[0], at), Math.max(seen[1], at)] : [at, at]);
    }
  }
  for (const w of watchers) w.socket.close();
  send({
    fanOuts: [...fanOuts].map(([v, [first, last]]) => [v.version, v.publishedAt, first, last]),
    type: 'result',
    gaps: watchers.reduce((n, w) => n + w.gaps, 0),
    missing,
    messages: measured.length,
    perSecond: [...perSecond],
    histograms: { held: [...held], requested: [...requested], answered: [...answered], published: [...published], delivered: [...delivered], warmup: [...warmup] },
  });
});
