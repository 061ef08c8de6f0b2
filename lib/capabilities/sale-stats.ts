import type { Capability } from './types';

/** The ops console's live sale figures (reads the concert's reservations; writes nothing). */
export const saleStats: Capability = {
  name: 'sale-stats',
  routes: [{ method: 'GET', path: '/v1/admin/concerts/{concertId}/sale-stats', handler: 'http/sale-stats.getSaleStats', auth: 'admin', needs: ['tableRead'] }],
};
