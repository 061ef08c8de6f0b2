// k6 run load/k6/queue-join.js — a sale opening: arrivals ramp to 500 joins/s. Each iteration is a new fan.
// Thresholds: p99 join < 500 ms, < 1% errors. QUEUE_FULL (409) counts as an error here; raise maxWaiting first.
import exec from 'k6/execution';
import { join, signIn } from './lib.js';

export const options = {
  scenarios: {
    rush: {
      executor: 'ramping-arrival-rate',
      startRate: 50,
      timeUnit: '1s',
      preAllocatedVUs: 200,
      maxVUs: 2000,
      stages: [
        { target: 500, duration: '30s' },
        { target: 500, duration: '60s' },
        { target: 0, duration: '10s' },
      ],
    },
  },
  thresholds: {
    'http_req_duration{name:join}': ['p(99)<500'],
    http_req_failed: ['rate<0.01'],
  },
};

export default function () {
  const token = signIn(`k6-join-${exec.scenario.iterationInTest}`);
  join(token);
}
