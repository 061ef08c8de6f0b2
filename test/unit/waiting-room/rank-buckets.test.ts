import { describe, expect, it } from 'vitest';
import { bucketChanged, bucketOf, EXACT_POSITIONS, positionsToRecheck } from '#domain/waiting-room/rank-buckets';

describe('rank buckets', () => {
  it('is exact for the first 100 positions, then buckets grow with the distance', () => {
    for (let p = 1; p <= EXACT_POSITIONS; p++) expect(bucketOf(p)).toBe(p);
    expect([101, 150, 151, 1000].map(bucketOf)).toEqual([101, 101, 151, 951]);
    expect([1001, 1500, 1501, 10_000, 10_001, 54_321].map(bucketOf)).toEqual([1001, 1001, 1501, 9501, 10_001, 50_001]);
  });

  it('never gives two different positions of the exact zone, or a far position, the same bucket as an exact one', () => {
    const ids = new Set<number>();
    for (let p = 1; p <= 2000; p++) ids.add(bucketOf(p));
    expect(ids.size).toBe(100 + 18 + 2);
    expect(bucketOf(101)).not.toBe(bucketOf(100));
  });

  it('asks for a push only when the bucket changed', () => {
    expect(bucketChanged(undefined, 500)).toBe(true);
    expect(bucketChanged(505, 501)).toBe(false);
    expect(bucketChanged(151, 150)).toBe(true);
    expect(bucketChanged(149, 101)).toBe(false);
    expect(bucketChanged(50, 49)).toBe(true);
  });

  it('rechecks exactly the positions that can have crossed a boundary (checked against brute force)', () => {
    for (const [waiting, shift] of [[250, 1], [3000, 10], [3000, 37], [12_000, 250], [90, 5]] as const) {
      const ranges = positionsToRecheck(waiting, shift);
      const inRange = (p: number) => ranges.some(([a, b]) => p >= a && p <= b);
      for (let p = 1; p <= waiting; p++) {
        // A user now at p was anywhere in [p, p + shift] before; any of those may have changed bucket.
        let mayChange = false;
        for (let before = p; before <= p + shift; before++) if (bucketOf(before) !== bucketOf(p)) mayChange = true;
        if (mayChange) expect(inRange(p), `position ${p} (waiting ${waiting}, shift ${shift})`).toBe(true);
      }
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1] + 1);
    }
  });

  it('reads a small part of a long line', () => {
    const ranges = positionsToRecheck(1_000_000, 10);
    const total = ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
    expect(total).toBeLessThan(1_000);
    expect(positionsToRecheck(1000, 0)).toEqual([]);
  });
});
