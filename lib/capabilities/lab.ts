import type { Capability } from './types';

/** The contention lab: deployed only where the stage allows it, and refusing (404) unless enabled at runtime. */
export const lab: Capability = {
  name: 'lab',
  routes: [
    { method: 'POST', path: '/v1/lab/contention/reset', handler: 'http/lab.reset', auth: 'public', needs: ['table'], stage: 'lab' },
    { method: 'GET', path: '/v1/lab/contention/report', handler: 'http/lab.report', auth: 'public', needs: ['tableRead'], stage: 'lab' },
    { method: 'POST', path: '/v1/lab/contention/{strategy}', handler: 'http/lab.reserve', auth: 'public', needs: ['table', 'redis'], stage: 'lab' },
  ],
};
