/** The load drivers' REST calls: JSON in and out, an error naming the call on any non-2xx. */
export async function post(url: string, body: unknown, token?: string, method = 'POST', headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function signIn(api: string, nickname: string, role: 'USER' | 'ADMIN' = 'USER'): Promise<string> {
  return (await post(`${api}/auth/dev/sign-in`, { nickname, role })).accessToken as string;
}
