import { describe, expect, it } from 'vitest';
import { BatchGetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamoSeatPartitions } from '#adapters/dynamo/seat-partitions';
import { dynamo, tableName } from '#platform/clients';
import { seedShow } from './fixtures';
import { reservationServices } from './harness';

const buyer = (userId: string) => ({ userId, tier: 'BASIC' as const });

async function getAll(keyList: Array<{ PK: string; SK: string }>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    const out = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keyList.slice(i, i + 100), ConsistentRead: true } } }));
    items.push(...(out.Responses?.[tableName()] ?? []));
  }
  return items;
}

describe('holds spread over partitions', () => {
  it('touches several seat, counter and index partitions of one show and still never double-sells', async () => {
    // 30 rows × 10 seats: three seat partitions of ten rows each.
    const { showId, concertId, seatIds } = await seedShow({ rows: 30, seatsPerRow: 10 });
    const svc = reservationServices();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const requests = Array.from({ length: 600 }, (_, i) => {
      const n = 1 + rand(4);
      const start = rand(300);
      return { userId: `spread-${i % 150}`, seatIds: [...new Set(Array.from({ length: n }, (_, k) => seatIds[(start + k * 37) % 300] as string))] };
    });
    const results = await Promise.allSettled(requests.map((q) => svc.hold({ principal: buyer(q.userId), showId, seatIds: q.seatIds })));
    const holds = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(holds.length).toBeGreaterThan(20);

    const owner = new Map<string, string>();
    for (const h of holds) for (const s of h.seats) {
      expect(owner.has(s.seatId), `seat ${s.seatId} in two reservations`).toBe(false);
      owner.set(s.seatId, h.reservationId);
    }

    // Every stored seat, read through the show's partition list as the seat map reads it.
    const stored = await dynamoSeatPartitions(dynamo, tableName).query(showId);
    expect(stored).toHaveLength(300);
    for (const item of stored) {
      if (owner.has(String(item.seatId))) expect(item).toMatchObject({ status: 'HELD', reservationId: owner.get(String(item.seatId)) });
      else expect(item.status).toBe('AVAILABLE');
    }

    const heldSeatPartitions = new Set([...owner.keys()].map((id) => keys.seat(showId, id).PK));
    expect(heldSeatPartitions.size).toBe(3);
    const users = [...new Set(holds.map((h) => h.userId))];
    const counters = await getAll(users.map((u) => keys.ticketCounter(concertId, u)));
    expect(new Set(counters.map((c) => c.PK)).size).toBe(users.length);
    for (const c of counters) {
      const held = holds.filter((h) => h.userId === c.userId).reduce((n, h) => n + h.seats.length, 0);
      expect(c.count).toBe(held);
      expect(held).toBeLessThanOrEqual(4);
    }
    const reservationItems = await getAll(holds.map((h) => keys.reservation(h.reservationId)));
    expect(new Set(reservationItems.map((r) => r.GSI2PK)).size).toBeGreaterThan(1);
  });
});
