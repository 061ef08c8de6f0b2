import { describe, expect, it } from 'vitest';
import { ABUSE_AUDIT_SHARDS, gsi2, keys, OVERDUE_SHARDS, RESERVATION_INDEX_SHARDS, seatPartitionOf, shardOf } from '#adapters/dynamo/keys';

describe('partition keys of the sale', () => {
  it('puts a seat in the partition of its section and block of ten rows', () => {
    expect(seatPartitionOf('A-1-1')).toBe('A#R0');
    expect(seatPartitionOf('A-10-200')).toBe('A#R0');
    expect(seatPartitionOf('A-11-1')).toBe('A#R1');
    expect(seatPartitionOf('FLOOR2-200-3')).toBe('FLOOR2#R19');
    expect(keys.seat('S1', 'B-12-4')).toEqual({ PK: 'SHOW#S1#B#R1', SK: 'SEAT#B-12-4' });
  });

  it('gives a seat id that names no generated seat a partition of its own instead of failing', () => {
    expect(keys.seat('S1', 'not a seat').PK).toBe('SHOW#S1#?not a seat');
  });

  it('gives every buyer of a concert a ticket counter of their own', () => {
    expect(keys.ticketCounter('C1', 'u1').PK).not.toBe(keys.ticketCounter('C1', 'u2').PK);
  });

  it('hashes reservations and overdue markers stably and evenly over a bounded number of shards', () => {
    const ids = Array.from({ length: 16_000 }, (_, i) => `01J${i.toString(36).padStart(8, '0')}`);
    const counts = new Array(RESERVATION_INDEX_SHARDS).fill(0);
    for (const id of ids) counts[shardOf(id, RESERVATION_INDEX_SHARDS)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800); // 1,000 each when perfectly even
    expect(shardOf('same', 16)).toBe(shardOf('same', 16));
    expect(gsi2.reservationShardsOfConcert('C1')).toContain(gsi2.reservationsOfConcert('C1', ids[0]!).GSI2PK);
    expect(keys.overdueHoldShards()).toHaveLength(OVERDUE_SHARDS);
    expect(keys.overdueHoldShards()).toContain(keys.overdueHold('2026-12-24T11:05:00.000Z', ids[1]!).PK);
    // Within a shard markers sort by deadline, so a sweep reads one range per shard.
    expect(keys.overdueHold('2026-12-24T11:05:00.000Z', 'Z').SK < keys.overdueHold('2026-12-24T11:06:00.000Z', 'A').SK).toBe(true);
  });

  it('spreads the abuse audit of a day and of a concert over ABUSE_AUDIT_SHARDS partitions a reader can list', () => {
    const ids = Array.from({ length: 800 }, (_, i) => `01K${i.toString(36).padStart(8, '0')}`);
    const days = new Set(ids.map((id) => keys.abuseAudit('2026-12-24', '2026-12-24T11:00:00.000Z', id).PK));
    const concerts = new Set(ids.map((id) => gsi2.abuseAuditOfConcert('C1', '2026-12-24T11:00:00.000Z', id).GSI2PK));
    expect([...days].sort()).toEqual([...keys.abuseAuditShardsOfDay('2026-12-24')].sort());
    expect([...concerts].sort()).toEqual([...gsi2.abuseAuditShardsOfConcert('C1')].sort());
    expect(days.size).toBe(ABUSE_AUDIT_SHARDS);
    expect(keys.abuseAudit('2026-12-24', '2026-12-24T11:00:00.000Z', 'A1').SK).toBe('2026-12-24T11:00:00.000Z#A1');
  });
});
