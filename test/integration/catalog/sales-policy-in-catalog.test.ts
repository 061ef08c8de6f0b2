import { describe, expect, it } from 'vitest';
import { admin, invoke } from '../../helpers/api-event';
import { createConcert, createWorld, tag } from './fixtures';
import * as catalogApi from '../../../functions/http/catalog';
import * as policyApi from '../../../functions/http/sales-policy';

describe('a sales-policy change seen through the catalog', () => {
  it('shows in the concert detail on the very next read, though the detail is cached', async () => {
    const t = tag();
    const world = await createWorld({ artist: `Policy Artist ${t}`, agency: `Policy Agency ${t}`, venue: `Policy Hall ${t}` });
    const concert = await createConcert(world, `Policy Night ${t}`);
    const pathParameters = { concertId: concert.concertId as string };
    const detail = () => invoke(catalogApi.getConcert, { resource: '/v1/concerts/{concertId}', pathParameters });

    expect((await detail()).body.salesPolicy).toMatchObject({ maxTicketsPerUser: 4, isDefault: true });
    expect((await detail()).body.salesPolicy.maxTicketsPerUser).toBe(4); // now served from the cache

    const put = await invoke(policyApi.putSalesPolicy, {
      method: 'PUT',
      resource: '/v1/concerts/{concertId}/sales-policy',
      pathParameters,
      principal: admin,
      body: { generalSaleStartAt: '2026-01-01T00:00:00.000Z', maxTicketsPerUser: 2, holdTtlSeconds: 120, paymentTtlSeconds: 300, refundCutoffHours: 48 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await detail()).body.salesPolicy).toMatchObject({ maxTicketsPerUser: 2, holdTtlSeconds: 120, refundCutoffHours: 48, isDefault: false });
  });
});
