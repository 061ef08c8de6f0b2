/* global __ENV */
// Shared by the waiting-room k6 scenarios. BASE_URL is the API origin (e.g. http://127.0.0.1:3000), WS_URL the
// WebSocket endpoint (ws://127.0.0.1:3000/ws), CONCERT_ID the concert whose line is exercised.
import http from 'k6/http';
import { check } from 'k6';

export const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:3000';
export const WS_URL = __ENV.WS_URL || 'ws://127.0.0.1:3000/ws';
export const CONCERT_ID = __ENV.CONCERT_ID || 'k6-concert';
export const API = `${BASE_URL}/v1`;

const json = { headers: { 'content-type': 'application/json' } };
export const auth = (token) => ({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

/** Local stage only: the dev sign-in hands out tokens without an OAuth provider. */
export function signIn(nickname, role = 'USER') {
  const res = http.post(`${API}/auth/dev/sign-in`, JSON.stringify({ nickname, role }), json);
  check(res, { 'signed in': (r) => r.status === 200 });
  return res.json('accessToken');
}

export function join(token) {
  const res = http.post(`${API}/concerts/${CONCERT_ID}/queue`, '{}', { ...auth(token), tags: { name: 'join' } });
  check(res, { 'joined (200 or 202)': (r) => r.status === 200 || r.status === 202 });
  return res;
}
