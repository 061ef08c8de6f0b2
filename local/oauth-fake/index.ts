import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A tiny stand-in for Kakao and Naver Login on 127.0.0.1: the authorize redirect, the code-for-token exchange
 * and the profile endpoint, with each provider's real paths, parameters and error shapes (Kakao refuses a code
 * with 400 `invalid_grant`; Naver answers 200 with an `error` field). Tests issue codes directly and inject
 * faults; a browser in the local cloud gets a code from the authorize URL (`login_hint` picks the nickname).
 *
 * Base URLs: `${url}/kakao/auth`, `${url}/kakao/api`, `${url}/naver/auth`, `${url}/naver/api` — `env` carries them
 * with the fake's client credentials, ready to merge into process.env.
 */
export type FakeProvider = 'kakao' | 'naver';
export type FakeEndpoint = 'token' | 'profile';
/** `error-500`: the provider is down; `hang`: it never answers; `garbage`: it answers something that is not JSON. */
export type Fault = 'error-500' | 'hang' | 'garbage';

export interface FakeAccount {
  /** Kakao ids are numeric; pass digits for kakao. */
  id: string;
  nickname?: string;
}

export interface OAuthFake {
  url: string;
  env: Record<string, string>;
  /** A single-use authorization code for `account`, bound to `redirectUri` as a provider does. */
  issueCode(provider: FakeProvider, account: FakeAccount, redirectUri: string): string;
  /** The next call to `endpoint` of `provider` suffers `fault`. */
  failNext(provider: FakeProvider, endpoint: FakeEndpoint, fault: Fault): void;
  /** Calls received, newest last (form fields and query, no headers). */
  calls: { provider: FakeProvider; endpoint: FakeEndpoint | 'authorize'; params: Record<string, string> }[];
  stop(): Promise<void>;
}

export const FAKE_CLIENTS = {
  kakao: { clientId: 'fake-kakao-client' },
  naver: { clientId: 'fake-naver-client', clientSecret: 'fake-naver-secret' },
} as const;

interface Grant {
  provider: FakeProvider;
  account: FakeAccount;
  redirectUri: string;
}

export async function startOAuthFake({ port = 0 }: { port?: number } = {}): Promise<OAuthFake> {
  const codes = new Map<string, Grant>();
  const accessTokens = new Map<string, Grant>();
  const faults = new Map<string, Fault>();
  const hanging = new Set<ServerResponse>();
  const calls: OAuthFake['calls'] = [];

  const issueCode = (provider: FakeProvider, account: FakeAccount, redirectUri: string) => {
    const code = `${provider}-code-${randomBytes(12).toString('hex')}`;
    codes.set(code, { provider, account, redirectUri });
    return code;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'fake failure' }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') Object.assign(params, Object.fromEntries(new URLSearchParams(await readBody(req))));
    const route = ROUTES.find((r) => r.path === url.pathname);
    if (!route) return send(res, 404, { error: 'not_found' });
    calls.push({ provider: route.provider, endpoint: route.endpoint, params });

    const fault = route.endpoint === 'authorize' ? undefined : faults.get(`${route.provider}:${route.endpoint}`);
    if (fault) {
      faults.delete(`${route.provider}:${route.endpoint}`);
      if (fault === 'hang') return void hanging.add(res);
      if (fault === 'garbage') return sendText(res, 200, '<html>maintenance</html>');
      return send(res, 500, { error: 'server_error' });
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    return route.run(params, res, bearer);
  }

  const authorize = (provider: FakeProvider) => (p: Record<string, string>, res: ServerResponse) => {
    if (p.client_id !== FAKE_CLIENTS[provider].clientId || p.response_type !== 'code' || !p.redirect_uri) {
      return send(res, 400, { error: 'invalid_request', error_description: 'bad client_id, response_type or redirect_uri' });
    }
    const hint = p.login_hint || `fan-${randomBytes(3).toString('hex')}`;
    const code = issueCode(provider, { id: accountIdFor(provider, hint), nickname: hint }, p.redirect_uri);
    const target = new URL(p.redirect_uri);
    target.searchParams.set('code', code);
    if (p.state) target.searchParams.set('state', p.state);
    res.writeHead(302, { location: target.toString() }).end();
  };

  /** Spends a code; undefined when unknown, spent, or issued to another client or redirect URI. */
  const redeem = (provider: FakeProvider, p: Record<string, string>): string | undefined => {
    const grant = codes.get(p.code ?? '');
    codes.delete(p.code ?? '');
    const client = FAKE_CLIENTS[provider];
    if (!grant || grant.provider !== provider || p.grant_type !== 'authorization_code' || p.client_id !== client.clientId) return undefined;
    if ('clientSecret' in client && p.client_secret !== client.clientSecret) return undefined;
    // Kakao checks the redirect URI against the authorize request; Naver's token call does not carry it.
    if (provider === 'kakao' && p.redirect_uri !== grant.redirectUri) return undefined;
    const accessToken = `${provider}-at-${randomBytes(16).toString('hex')}`;
    accessTokens.set(accessToken, grant);
    return accessToken;
  };

  const tokenAnswer = (accessToken: string) => ({ access_token: accessToken, token_type: 'bearer', refresh_token: randomBytes(16).toString('hex'), expires_in: 21599 });

  const ROUTES: { provider: FakeProvider; endpoint: FakeEndpoint | 'authorize'; path: string; run: (p: Record<string, string>, res: ServerResponse, bearer?: string) => void }[] = [
    { provider: 'kakao', endpoint: 'authorize', path: '/kakao/auth/oauth/authorize', run: authorize('kakao') },
    { provider: 'naver', endpoint: 'authorize', path: '/naver/auth/oauth2.0/authorize', run: authorize('naver') },
    {
      provider: 'kakao',
      endpoint: 'token',
      path: '/kakao/auth/oauth/token',
      run: (p, res) => {
        const at = redeem('kakao', p);
        if (!at) return send(res, 400, { error: 'invalid_grant', error_description: `authorization code not found for code=${p.code}`, error_code: 'KOE320' });
        send(res, 200, tokenAnswer(at));
      },
    },
    {
      provider: 'naver',
      endpoint: 'token',
      path: '/naver/auth/oauth2.0/token',
      run: (p, res) => {
        const at = redeem('naver', p);
        if (!at) return send(res, 200, { error: 'invalid_request', error_description: 'no valid data in session' });
        send(res, 200, tokenAnswer(at));
      },
    },
    {
      provider: 'kakao',
      endpoint: 'profile',
      path: '/kakao/api/v2/user/me',
      run: (_p, res, bearer) => {
        const grant = accessTokens.get(bearer ?? '');
        if (grant?.provider !== 'kakao') return send(res, 401, { msg: 'this access token does not exist', code: -401 });
        const { id, nickname } = grant.account;
        send(res, 200, { id: Number(id), connected_at: new Date().toISOString(), properties: { nickname }, kakao_account: { profile: { nickname } } });
      },
    },
    {
      provider: 'naver',
      endpoint: 'profile',
      path: '/naver/api/v1/nid/me',
      run: (_p, res, bearer) => {
        const grant = accessTokens.get(bearer ?? '');
        if (grant?.provider !== 'naver') return send(res, 401, { resultcode: '024', message: 'Authentication failed' });
        send(res, 200, { resultcode: '00', message: 'success', response: { id: grant.account.id, nickname: grant.account.nickname } });
      },
    },
  ];

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    env: {
      KAKAO_AUTH_BASE_URL: `${url}/kakao/auth`,
      KAKAO_API_BASE_URL: `${url}/kakao/api`,
      NAVER_AUTH_BASE_URL: `${url}/naver/auth`,
      NAVER_API_BASE_URL: `${url}/naver/api`,
      // The stand-in for the OAuth secret's value (the `oauth` need; AWS reads it by OAUTH_SECRET_ARN).
      OAUTH_CLIENTS_JSON: JSON.stringify({ kakaoClientId: FAKE_CLIENTS.kakao.clientId, naverClientId: FAKE_CLIENTS.naver.clientId, naverClientSecret: FAKE_CLIENTS.naver.clientSecret }),
    },
    issueCode,
    failNext: (provider, endpoint, fault) => void faults.set(`${provider}:${endpoint}`, fault),
    calls,
    stop: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same login hint maps to the same provider account, as the same person logging in again would. */
function accountIdFor(provider: FakeProvider, hint: string): string {
  const digest = createHash('sha256').update(`${provider}:${hint}`).digest();
  return provider === 'kakao' ? String(digest.readUInt32BE(0)) : digest.subarray(0, 12).toString('base64url');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  sendText(res, status, JSON.stringify(body), 'application/json;charset=UTF-8');
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/html') {
  res.writeHead(status, { 'content-type': type }).end(text);
}
