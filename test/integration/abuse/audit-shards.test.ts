import { describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { dynamoAbuseAuditWriter } from '#adapters/dynamo/abuse-audit';
import { dynamoAbuseAuditReader } from '#adapters/dynamo/abuse-audit-query';
import { keys } from '#adapters/dynamo/keys';
import type { AbuseAuditEntry, AbuseAuditFilter } from '#domain/abuse/audit';
import { dynamo, tableName } from '#platform/clients';
import { ulids } from '#platform/ids';
import { unique } from './harness';

const DAY_MS = 86_400_000;

/** Every page of a query, followed to the end; `short` counts pages that stopped early with a cursor. */
async function allPages(audit: ReturnType<typeof dynamoAbuseAuditReader>, filter: AbuseAuditFilter, limit: number) {
  const pages: AbuseAuditEntry[][] = [];
  let short = 0;
  for (let cursor: string | undefined; ; ) {
    const page = await audit.query(filter, { limit, ...(cursor ? { cursor } : {}) });
    pages.push(page.items);
    if (!page.nextCursor) break;
    if (page.items.length < limit) short++;
    cursor = page.nextCursor;
    expect(pages.length, 'paging never ends').toBeLessThan(200);
  }
  return { ids: pages.flat().map((e) => e.auditId), short };
}

describe('the abuse audit over sharded partitions', () => {
  it('spreads a day and a concert over several partitions and pages them newest first without a gap or a repeat', async () => {
    // Two days of one concert (a day of its own, years back, so no other test writes there); pairs share an `at`.
    const start = Date.UTC(2012, 0, 1) + Math.floor(Math.random() * 2500) * DAY_MS + DAY_MS - 30 * 60_000;
    const concertId = unique('audited');
    const entries: AbuseAuditEntry[] = Array.from({ length: 60 }, (_, i) => ({
      auditId: ulids.next(),
      action: 'HOLD',
      result: i % 7 === 3 ? 'BLOCKED' : 'ALLOWED',
      ...(i % 7 === 3 ? { rule: 'HOLD_BURST' as const } : {}),
      userId: `u-${i % 5}`,
      concertId,
      clientAddress: 'hashed',
      requestId: `req-${i}`,
      at: new Date(start + Math.floor(i / 2) * 120_000).toISOString(),
    }));
    const writer = dynamoAbuseAuditWriter(dynamo, tableName, { retentionDays: () => 30 });
    for (const e of entries) await writer.record(e);
    const audit = dynamoAbuseAuditReader(dynamo, tableName, { retentionDays: () => 30, now: () => new Date(start + 2 * DAY_MS) });
    const days = new Set(entries.map((e) => e.at.slice(0, 10)));
    expect(days.size).toBe(2);

    const stored = await Promise.all(entries.map(async (e) => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.abuseAudit(e.at.slice(0, 10), e.at, e.auditId) }))).Item));
    expect(stored.every(Boolean)).toBe(true);
    expect(new Set(stored.map((item) => item?.PK)).size).toBeGreaterThan(2 * 4);
    expect(new Set(stored.map((item) => item?.GSI2PK)).size).toBeGreaterThan(4);

    const newestFirst = (list: AbuseAuditEntry[]) => [...list].sort((a, b) => (`${b.at}#${b.auditId}` > `${a.at}#${a.auditId}` ? 1 : -1)).map((e) => e.auditId);
    const window = { from: new Date(start - DAY_MS).toISOString(), to: new Date(start + DAY_MS).toISOString() };
    for (const limit of [1, 7, 100]) {
      expect((await allPages(audit, { concertId }, limit)).ids, `by concert, ${limit} a page`).toEqual(newestFirst(entries));
      expect((await allPages(audit, window, limit)).ids, `by day, ${limit} a page`).toEqual(newestFirst(entries));
    }
    const blocked = entries.filter((e) => e.result === 'BLOCKED');
    expect((await allPages(audit, { concertId, result: 'BLOCKED' }, 2)).ids).toEqual(newestFirst(blocked));
    expect((await allPages(audit, { ...window, rule: 'HOLD_BURST' }, 3)).ids).toEqual(newestFirst(blocked));
    expect((await allPages(audit, { concertId, userId: 'u-2' }, 4)).ids).toEqual(newestFirst(entries.filter((e) => e.userId === 'u-2')));

    // A sparse filter on a small query budget answers short pages with a cursor, and the pages still join up.
    const frugal = dynamoAbuseAuditReader(dynamo, tableName, { retentionDays: () => 30, now: () => new Date(start + 2 * DAY_MS), budget: { queries: 10, filteredRead: 2 } });
    for (const filter of [{ concertId, result: 'BLOCKED' as const }, { ...window, result: 'BLOCKED' as const }]) {
      const paged = await allPages(frugal, filter, 5);
      expect(paged.ids).toEqual(newestFirst(blocked));
      expect(paged.short).toBeGreaterThan(0);
    }
  }, 60_000);
});
