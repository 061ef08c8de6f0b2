// k6 run load/k6/queue-status.js — fans already in line poll their place (the fallback when a WebSocket drops).
// Each VU joins once, then polls GET /queue/me every 2 s; the public stats endpoint is polled alongside.
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { API, CONCERT_ID, auth, join, signIn } from './lib.js';

export const options = {
  scenarios: {
    pollers: { executor: 'constant-vus', vus: 1000, duration: '2m' },
  },
  thresholds: {
    'http_req_duration{name:status}': ['p(99)<300'],
    'http_req_duration{name:stats}': ['p(99)<300'],
    http_req_failed: ['rate<0.01'],
  },
};

const tokens = {};

export default function () {
  const vu = exec.vu.idInTest;
  if (!tokens[vu]) {
    tokens[vu] = signIn(`k6-status-${vu}`);
    join(tokens[vu]);
  }
  const me = http.get(`${API}/concerts/${CONCERT_ID}/queue/me`, { ...auth(tokens[vu]), tags: { name: 'status' } });
  check(me, { 'status 200': (r) => r.status === 200, 'has a state': (r) => ['WAITING', 'ACTIVE', 'PREQUEUE', 'EXPIRED', 'NONE'].includes(r.json('status')) });
  const stats = http.get(`${API}/concerts/${CONCERT_ID}/queue/stats`, { tags: { name: 'stats' } });
  check(stats, { 'stats 200': (r) => r.status === 200 });
  sleep(2);
}
