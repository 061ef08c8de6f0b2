/** What the load drivers share: their arguments, the local cloud they run against, and their REST calls. */

/** `--name N` from the command line, or the fallback. */
export const numberArg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export interface LocalCloud {
  url: string;
  wsUrl: string;
  env: Record<string, string>;
  /** @connections POSTs the local stand-in delivered so far. */
  connectionPosts(): number;
  stop(): Promise<void>;
}
// Loaded by path at run time: the local cloud is development tooling, not part of the type-checked driver surface.
const cloudModule = '../../local/cloud';

/** The whole local cloud in this process on a free port, without seed data. */
export async function startCloud(): Promise<LocalCloud> {
  // The SDK's notice about Node 20 support is for operators of deployed code, not for a load run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Every function of the cloud prints its EMF metric lines to this one process's stdout; a load run would drown in them.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const { startLocalCloud } = (await import(cloudModule)) as { startLocalCloud: (o: { port: number; seed: boolean }) => Promise<LocalCloud> };
  return startLocalCloud({ port: 0, seed: false });
}

/** Attempts of a call answered 503: the client the API expects honours `Retry-After`, as the web app does. */
const ATTEMPTS_ON_503 = 5;

/**
 * A REST call: JSON in and out, an error naming the call on any other non-2xx. A 503 (a dependency briefly
 * overloaded) is sent again after its `Retry-After`, capped at 2 s and jittered, up to ATTEMPTS_ON_503 times.
 */
export async function post(url: string, body: unknown, token?: string, method = 'POST', headers: Record<string, string> = {}) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: method === 'GET' ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 503 && attempt < ATTEMPTS_ON_503) {
      const waitMs = Math.min(2, Number(res.headers.get('retry-after') ?? 1)) * 1000 * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, waitMs));
      continue;
    }
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }
}

export async function signIn(api: string, nickname: string, role: 'USER' | 'ADMIN' = 'USER'): Promise<string> {
  return (await post(`${api}/auth/dev/sign-in`, { nickname, role })).accessToken as string;
}
