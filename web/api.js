// The browser's view of the TicketRush contract (api.md): REST with token refresh, and the WebSocket with
// reconnect + re-subscribe, since API Gateway closes idle sockets after 10 minutes and any socket after 2 hours.

const SESSION_KEY = 'ticketrush.session';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? 'HTTP_ERROR';
    this.details = body?.error?.details;
  }
}

export async function loadConfig() {
  const res = await fetch('/config.json');
  if (!res.ok) throw new Error('config.json is missing');
  return res.json();
}

export function createApi(config) {
  let session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
  const listeners = new Set();

  const save = (next) => {
    session = next;
    if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
    else localStorage.removeItem(SESSION_KEY);
    listeners.forEach((l) => l(session));
  };

  async function refresh() {
    if (!session?.refreshToken) return false;
    const res = await fetch(`${config.apiUrl}/auth/token/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (!res.ok) {
      save(null);
      return false;
    }
    save(await res.json());
    return true;
  }

  async function request(method, path, { body, headers = {}, retry = true } = {}) {
    const h = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (session?.accessToken) h.authorization = `Bearer ${session.accessToken}`;
    const res = await fetch(`${config.apiUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 401 && retry && session && (await refresh())) return request(method, path, { body, headers, retry: false });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  return {
    config,
    get session() {
      return session;
    },
    onSession: (fn) => listeners.add(fn),
    signIn: (pair) => save(pair),
    async signOut() {
      try {
        await request('POST', '/auth/logout', { body: { refreshToken: session?.refreshToken } });
      } finally {
        save(null);
      }
    },
    get: (path, o) => request('GET', path, o),
    post: (path, body, o = {}) => request('POST', path, { ...o, body }),
    put: (path, body) => request('PUT', path, { body }),
    del: (path) => request('DELETE', path),
  };
}

/** One socket per page; subscriptions are remembered and replayed after every reconnect. */
export function createRealtime(api) {
  let socket;
  let backoff = 500;
  const subscriptions = new Map();
  const handlers = new Set();

  const send = (msg) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify(msg));

  function connect() {
    if (!api.session?.accessToken) return;
    socket = new WebSocket(`${api.config.wsUrl}?token=${encodeURIComponent(api.session.accessToken)}`);
    socket.onopen = () => {
      backoff = 500;
      subscriptions.forEach((msg) => send(msg));
    };
    socket.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      handlers.forEach((h) => h(msg));
    };
    socket.onclose = () => {
      socket = undefined;
      if (!api.session) return;
      setTimeout(connect, backoff + Math.random() * backoff);
      backoff = Math.min(backoff * 2, 15_000);
    };
  }

  api.onSession((s) => {
    socket?.close();
    if (s) connect();
  });
  connect();
  setInterval(() => send({ action: 'ping' }), 5 * 60_000);

  return {
    on: (fn) => (handlers.add(fn), () => handlers.delete(fn)),
    watch(key, msg) {
      subscriptions.set(key, msg);
      send(msg);
    },
    unwatch(key, msg) {
      subscriptions.delete(key);
      if (msg) send(msg);
    },
  };
}
