// k6 run load/k6/queue-subscribe.js — every VU joins, subscribes over WebSocket and waits for ACTIVE.
// Checks that positions pushed in RANK_UPDATE only decrease and that ACTIVE carries an admission token. Set the
// concert's queue-config first (e.g. admitPerSecond 100, maxActive 5000) so everyone is admitted within the run.
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import exec from 'k6/execution';
import { CONCERT_ID, WS_URL, join, signIn } from './lib.js';

const admissionPush = new Trend('admission_push_ms', true);
const rankRegressions = new Counter('rank_regressions');

export const options = {
  scenarios: {
    fans: { executor: 'per-vu-iterations', vus: 2000, iterations: 1, maxDuration: '5m' },
  },
  thresholds: {
    admission_push_ms: ['p(99)<1500'],
    rank_regressions: ['count==0'],
    checks: ['rate>0.99'],
  },
};

export default function () {
  const token = signIn(`k6-ws-${exec.vu.idInTest}`);
  join(token);
  let last = Infinity;
  let admitted = false;
  const res = ws.connect(`${WS_URL}?token=${encodeURIComponent(token)}`, {}, (socket) => {
    socket.on('open', () => socket.send(JSON.stringify({ action: 'subscribe', concertId: CONCERT_ID })));
    socket.on('message', (raw) => {
      const m = JSON.parse(raw);
      if (m.type === 'RANK_UPDATE') {
        if (m.position >= last) rankRegressions.add(1);
        last = m.position;
      }
      if (m.type === 'ACTIVE') {
        admitted = true;
        admissionPush.add(Date.now() - Date.parse(m.ts));
        check(m, { 'ACTIVE carries an admission token': (x) => typeof x.admissionToken === 'string' });
        socket.close();
      }
    });
    socket.setInterval(() => socket.send(JSON.stringify({ action: 'ping' })), 60_000);
    socket.setTimeout(() => socket.close(), 240_000);
  });
  check(res, { 'websocket upgraded': (r) => r && r.status === 101 });
  check(admitted, { 'admitted before the timeout': (a) => a === true });
}
