import { describe, expect, it } from 'vitest';
import type { DynamoClient } from '#platform/clients/dynamo-commands';
import { dynamoSeatCatalog } from '#adapters/dynamo/seats-catalog';
import { dynamo, tableName } from '#platform/clients';
import { seedShow } from './fixtures';

/** The real client, counting what it sends. */
function countingClient() {
  const sent: string[] = [];
  const client = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), dynamo().send(command as never)) };
  return { sent, db: () => client as unknown as DynamoClient };
}

describe('the seat catalog the hold path reads seat facts from', () => {
  it('answers a burst of requests on a cold show with one read of the whole show (its partition list, then its one partition), then from memory', async () => {
    const { showId, concertId } = await seedShow();
    const { sent, db } = countingClient();
    const catalog = dynamoSeatCatalog(db, tableName);
    const answers = await Promise.all(Array.from({ length: 20 }, () => catalog.offers(showId, ['A-1-1', 'A-1-2'])));
    expect(sent).toEqual(['GetCommand', 'QueryCommand']);
    for (const a of answers) expect(a.get('A-1-2')).toMatchObject({ concertId, grade: 'VIP', price: 150000, currency: 'KRW', row: 1, number: 2 });
    await catalog.offers(showId, ['A-1-10']);
    expect(sent).toHaveLength(2);
  });

  it('re-reads the show after its entries lapse, and looks up seats the show read did not return', async () => {
    const { showId } = await seedShow();
    let clock = 0;
    const { sent, db } = countingClient();
    const catalog = dynamoSeatCatalog(db, tableName, { ttlMs: 1000, now: () => clock });
    expect([...(await catalog.offers(showId, ['A-1-1', 'Z-1-1'])).keys()]).toEqual(['A-1-1']);
    expect(sent).toEqual(['GetCommand', 'QueryCommand', 'BatchGetCommand']);
    clock = 1001;
    await catalog.offers(showId, ['A-1-1']);
    expect(sent).toEqual(['GetCommand', 'QueryCommand', 'BatchGetCommand', 'GetCommand', 'QueryCommand']);
  });

  it('knows whether a show exists', async () => {
    const { showId } = await seedShow();
    const catalog = dynamoSeatCatalog(dynamo, tableName);
    expect(await catalog.showExists(showId)).toBe(true);
    expect(await catalog.showExists('no-such-show')).toBe(false);
  });
});
