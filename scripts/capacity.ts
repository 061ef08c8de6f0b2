/**
 * `npm run capacity -- --fans 200000 --seats 50000 --minutes 1 [--stage prod] [--admit-per-second N]
 * [--tickets-per-hold 1]` — what a sale needs from AWS, from the code's own constants (client pacing, rank buckets,
 * authorizer cache, partitioning, quotas) and the stage config: peak rates per minute, quotas to raise, provisioned
 * concurrency, DynamoDB and ElastiCache pre-warming, and the sale's estimated cost by service (scripts/capacity/prices.ts).
 */
import { PUSH_CONCURRENCY } from '../functions/services/live-updates/push-all';
import { FAN_OUT_PART } from '../functions/services/live-updates/seat-watch';
import { stageConfigFor } from '../lib/stage-config';
import { ASSUMPTIONS, plan, type MinuteRow, type Plan } from './capacity/plan';
import { PRICES } from './capacity/prices';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function positive(name: string, fallback: number): number {
  const raw = flag(name);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number (got ${raw})`);
    process.exit(2);
  }
  return n;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(headers: string[], rows: Array<Array<string | number>>): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The per-minute table: a column per rate, in the order a request travels (in, through, to the stores). */
const perMinuteColumns: Array<[string, keyof MinuteRow['peak']]> = [
  ['joins', 'joins'],
  ['status polls', 'polls'],
  ['REST total', 'restRequests'],
  ['authorizer', 'authorizerInvocations'],
  ['WS connects', 'wsConnects'],
  ['WS connections', 'wsConnections'],
  ['@connections pushes', 'pushes'],
  ['API GW total', 'apiGatewayTotal'],
  ['holds', 'holds'],
  ['payments', 'payments'],
  ['Lambda concurrency', 'lambdaConcurrency'],
  ['DynamoDB WRU', 'dynamoWru'],
  ['Redis ECPU', 'redisEcpu'],
];

export function render(p: Plan): string {
  const { input } = p;
  const out: string[] = [];
  out.push(`# Capacity plan: ${fmt(input.fans)} fans, ${fmt(input.seats)} seats, fans arriving over ${input.minutes} min (stage ${input.stage.name})`);
  out.push('');
  out.push(
    `Admission ${fmt(input.admitPerSecond)}/s, WebSocket connect budget ${fmt(input.stage.wsConnectsPerSecond)}/s, authorizer cache ${input.stage.authorizerCacheTtlSeconds} s, ${input.ticketsPerHold} ticket(s) a hold; ` +
      `the sale runs ${fmt(p.durationSeconds / 60, 1)} min from the first join to the last payment. Assumptions: scripts/capacity/plan.ts ASSUMPTIONS.`,
  );
  out.push('');
  out.push('## Peak rates per minute of the sale (busiest second of each minute, per second)');
  out.push('');
  out.push(
    table(
      ['min', ...perMinuteColumns.map(([title]) => title)],
      p.minutes.map((m) => [m.minute, ...perMinuteColumns.map(([, metric]) => fmt(m.peak[metric]))]),
    ),
  );
  out.push('');
  out.push('## AWS quotas (account defaults, lib/aws-quotas.ts) to raise beforehand');
  out.push('');
  out.push(table(['quota', 'default', 'peak', 'action'], p.quotas.map((q) => [q.quota, fmt(q.default), fmt(q.peak), q.raiseTo ? `raise to ≥ ${fmt(q.raiseTo)}` : 'ok (peak ≤ 80% of default)'])));
  out.push('');
  const { current: now, needed } = p.throttles;
  out.push(
    table(
      ['REST throttle (rps)', 'stage config now', `needed for this sale (peak × ${ASSUMPTIONS.prewarmHeadroom})`],
      [
        ['stage', fmt(now.stage), fmt(needed.stage)],
        ['POST …/queue (joins)', fmt(now.joins ?? now.stage), fmt(needed.joins)],
        ['GET …/queue/me (status)', fmt(now.status ?? now.stage), fmt(needed.status)],
        ['POST /v1/reservations (holds)', fmt(now.holds ?? now.stage), fmt(needed.holds)],
      ],
    ),
  );
  out.push('');
  out.push(
    'Where "needed" exceeds "now", the throttle sheds the excess as 429 RATE_LIMITED + Retry-After (clients back off); raise the account quota first, then the stage throttles, keeping the stage below the quota by the @connections peak.',
  );
  out.push('');
  out.push(`## Provisioned concurrency per hot function (peak concurrency × ${ASSUMPTIONS.provisionedHeadroom})`);
  out.push('');
  out.push(table(['function', 'provisioned concurrency'], Object.entries(p.provisionedConcurrency).map(([f, n]) => [f, fmt(n)])));
  out.push('');
  out.push('## Pre-warming');
  out.push('');
  out.push(
    table(
      ['what', 'value'],
      [
        ['DynamoDB peak write / read units per second', `${fmt(p.dynamo.peakWru)} WRU / ${fmt(p.dynamo.peakRru)} RRU`],
        [`DynamoDB warm throughput to set (× ${ASSUMPTIONS.prewarmHeadroom})`, `${fmt(p.dynamo.warmWriteUnitsPerSecond)} writes/s, ${fmt(p.dynamo.warmReadUnitsPerSecond)} reads/s`],
        ['seat partitions of the show', `${fmt(p.dynamo.seatPartitions)}; the hottest takes ~${fmt(p.dynamo.hottestSeatPartitionWru)} WRU/s (skew ×${ASSUMPTIONS.hotPartitionSkew}; limit 1,000)`],
        ['reservation index (GSI2) per shard', `~${fmt(p.dynamo.reservationIndexShardWru)} WRU/s (limit 1,000)`],
        ['ElastiCache Serverless peak ECPU/s → minimum to set', `${fmt(p.elastiCache.peakEcpuPerSecond)} → ${fmt(p.elastiCache.minimumEcpuPerSecond)} ECPU/s`],
        ['ElastiCache data', `${fmt(p.elastiCache.dataGb, 3)} GB (billed at the 1 GB minimum)`],
      ],
    ),
  );
  out.push('');
  const fanOut = p.seatFanOut;
  out.push(
    `Seat map pushes: at the peak ${fmt(fanOut.peakWatchers)} fans watch the show; a SEATS version goes out in ${fmt(fanOut.parts)} part(s) of ≤ ${fmt(FAN_OUT_PART)} watchers, each sent by its own invocation (${PUSH_CONCURRENCY} calls in flight, ${ASSUMPTIONS.functions.push.ms} ms each), so it reaches all of them in ~${fmt(fanOut.secondsPerVersion, 2)} s` +
      (fanOut.secondsPerVersion > 1 ? ', longer than the 1 s interval: versions arrive that much less often, each carrying that long\'s changes.' : ', within the 1 s interval.'),
  );
  out.push('');
  out.push(`## Estimated cost of the sale (${PRICES.region} list prices in ${PRICES.currency}, taken ${PRICES.takenOn}: scripts/capacity/prices.ts)`);
  out.push('');
  const costs = Object.entries(p.cost);
  out.push(table(['service', 'USD'], [...costs.map(([k, v]) => [k, fmt(v, 2)]), ['total', fmt(costs.reduce((n, [, v]) => n + v, 0), 2)]]));
  return out.join('\n');
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('capacity.ts');
if (isMain) {
  const stage = stageConfigFor(flag('stage') ?? 'prod');
  const result = plan({
    fans: Math.round(positive('fans', 200_000)),
    seats: Math.round(positive('seats', 50_000)),
    minutes: positive('minutes', 1),
    stage,
    admitPerSecond: positive('admit-per-second', stage.wsConnectsPerSecond),
    ticketsPerHold: positive('tickets-per-hold', 1),
  });
  console.log(render(result));
}
