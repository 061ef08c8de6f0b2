import { describe, expect, it } from 'vitest';
import { ManualClock } from '#platform/clock';
import { redisConnectGrants } from '#adapters/redis/ws-connect-grants';
import { CONNECT_LEAD_SECONDS, deniedPollSeconds, MAX_POLL_SECONDS } from '#domain/waiting-room/client-pacing';
import { config, harness, newConcertId, redis, users } from './harness';

/** A clock on an instant no other test uses, so the connect budget's schedule is this test's alone. */
const uniqueClock = () => new ManualClock(new Date(Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e9) * 1000));

describe('pacing clients: pollAfterSeconds and connect within the connect budget', () => {
  it('tells only fans near the front to connect, at most the budget per second, and the rest when to poll', async () => {
    const clock = uniqueClock();
    const { wr } = harness({ clock, connectGrants: redisConnectGrants(redis(), 5) });
    const concertId = newConcertId();
    // 1 admission/s: positions 1..60 are within a minute of admission, the rest are farther back.
    await wr.settings.save(concertId, config({ admitPerSecond: 1, maxActive: 1 }));
    const fans = users(200, `pace-${concertId}-`);
    const answers = [];
    for (const u of fans) answers.push(await wr.queue.join(concertId, u));
    const waiting = answers.filter((a) => 'position' in a && a.status === 'WAITING') as Array<{ position: number; etaSeconds: number; connect?: boolean; pollAfterSeconds?: number }>;
    expect(waiting).toHaveLength(200);

    const near = waiting.filter((a) => a.etaSeconds <= CONNECT_LEAD_SECONDS);
    const far = waiting.filter((a) => a.etaSeconds > CONNECT_LEAD_SECONDS);
    expect(near.length).toBeGreaterThan(5);
    // At one instant only a tenth of the budget goes out (at least one offer), however many fans are near the front.
    expect(near.filter((a) => a.connect)).toHaveLength(1);
    // Refused fans come back about when their turn at the budget comes (position ÷ 5 per second).
    for (const a of near.filter((x) => !x.connect)) expect(a.pollAfterSeconds).toBe(deniedPollSeconds(a.position, 5));
    expect(near.at(-1)!.pollAfterSeconds).toBeGreaterThan(1);
    for (const a of far) {
      expect(a.connect).toBe(false);
      expect(a.pollAfterSeconds).toBe(Math.min(MAX_POLL_SECONDS, Math.ceil(a.etaSeconds / 4)));
    }
    // The last of 200 at one admission a second: a quarter of its 200 s ETA.
    expect(far.at(-1)!.pollAfterSeconds).toBe(50);

    // A fan already offered a connect keeps it on the next poll without spending the budget again.
    const first = fans[near.findIndex((a) => a.connect)]!;
    expect(await wr.queue.status(concertId, first)).toMatchObject({ connect: true });
    // Polled every 25 ms until the second is over, the front gets offers spread over it: the budget, never more.
    const offered = new Set(fans.filter((_, i) => waiting[i]?.connect));
    let offersInTheSecond = offered.size;
    for (let step = 1; step < 40; step++) {
      clock.advance(0.025);
      const polled = await Promise.all(fans.slice(0, 60).map(async (u) => [u, await wr.queue.status(concertId, u)] as const));
      for (const [u, s] of polled) {
        if (s.connect && !offered.has(u)) {
          offered.add(u);
          offersInTheSecond++;
        }
      }
    }
    expect(offersInTheSecond).toBeGreaterThanOrEqual(4);
    expect(offersInTheSecond).toBeLessThanOrEqual(5);
  });
});
