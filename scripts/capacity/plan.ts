import { CONNECT_LEAD_SECONDS, deniedPollSeconds, pollAfterSeconds } from '../../functions/domain/waiting-room/client-pacing';
import { bucketOf } from '../../functions/domain/waiting-room/rank-buckets';
import { RESERVATION_INDEX_SHARDS, SEAT_ROWS_PER_PARTITION } from '../../functions/adapters/dynamo/keys';
import { awsQuotas } from '../../lib/aws-quotas';
import type { StageConfig } from '../../lib/stage-config';
import { PUSH_CONCURRENCY } from '../../functions/services/live-updates/push-all';
import { FAN_OUT_PART } from '../../functions/services/live-updates/seat-watch';
import { PRICES } from './prices';

/**
 * The capacity planner's model of one sale, second by second. What comes from the code: the client pacing
 * (pollAfterSeconds, the connect lead and the connect budget of the stage), the rank-push buckets, the authorizer
 * cache TTL, the seat/index partitioning, the quotas and the stage throttles. What is assumed about fans is in
 * ASSUMPTIONS, each with the reason for its value; change them with care and say so next to the output.
 */
export const ASSUMPTIONS = {
  /** The sale: ~60,000 of 200,000 fans get to shop for 50,000 seats. */
  shoppersPerSeat: 1.2,
  /** From admission to a hold: look at the availability, pick, hold. */
  secondsToHold: 45,
  /** Paid holds (the issue: 45,000 of 50,000). */
  payConversion: 0.9,
  /** From hold to paying. */
  secondsToPay: 120,
  /** Availability fetches per shopper (first, a refetch after a SEATS gap, one after a refused hold). */
  availabilityReadsPerShopper: 3,
  /** Venue shape for the seat partitions (keys.ts: SEAT_ROWS_PER_PARTITION rows a partition). */
  seatsPerRow: 25,
  /** The busiest seat partition takes this many times its even share of holds (the best sections go first). */
  hotPartitionSkew: 5,
  /** Web app + layout bytes a fan downloads through CloudFront. */
  bytesPerFanFromCdn: 400_000,
  /** Log bytes one invocation writes. */
  logBytesPerInvocation: 600,
  /** Redis bytes per fan in line (line ZSET entry, status fields, connect offer). */
  redisBytesPerFan: 200,
  /** Step Functions transitions per hold (start, wait, expire task, choice, end) and per payment phase. */
  transitionsPerHold: 5,
  transitionsPerPayment: 3,
  /** Warm p50 durations in AWS (ms) of each hot function and its memory (MB, lib/ defaults: 512; the authorizer 1024). */
  functions: {
    authorizer: { ms: 15, mb: 1024 },
    join: { ms: 25, mb: 512 },
    status: { ms: 10, mb: 512 },
    availability: { ms: 15, mb: 512 },
    hold: { ms: 60, mb: 512 },
    pay: { ms: 80, mb: 512 },
    wsConnect: { ms: 10, mb: 512 },
    wsMessage: { ms: 10, mb: 512 },
    /** Push workers: one @connections call; a worker has PUSH_CONCURRENCY of them in flight at once. */
    push: { ms: 10, mb: 512 },
  },
  /** DynamoDB units: a hold writes its seats, the counter and the reservation in one transaction (2 WRU an item),
   * the reservation's GSI1/GSI2 copies (1 each), the idempotency record (2 writes) and the abuse audit item with its
   * GSI1/GSI2 copies (3); it reads the idempotency key. */
  wruPerHoldBase: 2 * 2 + 2 + 2 + 3,
  wruPerHoldSeat: 2,
  rruPerHold: 1,
  /** A payment: the transition (reservation + seats in a transaction), the intent, the webhook record, idempotency,
   * the abuse audit item and its index copies. */
  wruPerPaymentBase: 2 + 1 + 1 + 2 + 3,
  wruPerPaymentSeat: 2,
  rruPerPayment: 3,
  /** Redis ECPUs: a join script, a status read, a connect grant, a tick's share per admitted fan. */
  ecpuPerJoin: 3,
  ecpuPerPoll: 2,
  ecpuPerConnect: 2,
  ecpuPerAdmission: 4,
  /** Headroom multipliers for what is pre-provisioned. */
  provisionedHeadroom: 1.2,
  prewarmHeadroom: 1.5,
} as const;

export interface SaleInput {
  fans: number;
  seats: number;
  /** Minutes over which the fans arrive (uniformly). */
  minutes: number;
  stage: StageConfig;
  /** Admissions per second (queue config); defaults to the stage's connect budget (admitted fans need a socket). */
  admitPerSecond: number;
  ticketsPerHold: number;
}

type FunctionName = keyof typeof ASSUMPTIONS.functions;

/** Rates (per second) of one second of the sale. */
export interface Second {
  joins: number;
  polls: number;
  admitted: number;
  holds: number;
  payments: number;
  availability: number;
  restRequests: number;
  authorizerInvocations: number;
  wsConnects: number;
  wsConnections: number;
  wsMessages: number;
  pushes: number;
  /** Fans on the seat page (shopping), each watching the show's SEATS pushes. */
  seatWatchers: number;
  apiGatewayTotal: number;
  lambda: Record<FunctionName, number>;
  lambdaConcurrency: number;
  startExecutions: number;
  dynamoWru: number;
  dynamoRru: number;
  redisEcpu: number;
}

/** Positions within `positions` whose rank bucket changes when the line moves `shift` places. */
export function rankPushes(positions: number, shift: number): number {
  let n = 0;
  for (let p = 1; p <= positions; p++) if (bucketOf(p) !== bucketOf(p + shift)) n++;
  return n;
}

/**
 * Status polls per second of the fans at positions 1..p of a line admitting `rate` a second, for every p up to
 * `positions` (a prefix sum: fans at positions a+1..b poll `sums[b] − sums[a]` times a second).
 */
export function pollPrefixSums(positions: number, interval: (position: number) => number): Float64Array {
  const sums = new Float64Array(positions + 1);
  for (let p = 1; p <= positions; p++) sums[p] = (sums[p - 1] ?? 0) + 1 / interval(p);
  return sums;
}

/** Simulates the sale second by second, from the first join until the last payment. */
export function simulate(input: SaleInput): Second[] {
  const a = ASSUMPTIONS;
  const r = input.admitPerSecond;
  const budget = input.stage.wsConnectsPerSecond;
  const ttl = Math.max(1, input.stage.authorizerCacheTtlSeconds);
  const shoppers = Math.min(input.fans, Math.round(input.seats * a.shoppersPerSeat));
  const holdsPerShopper = input.seats / input.ticketsPerHold / shoppers;
  const joinWindow = Math.max(1, Math.round(input.minutes * 60));
  const joinRate = input.fans / joinWindow;

  // Waiting fans poll by their ETA; fans the connect budget turned down poll by their place in the socket queue.
  const pollSums = pollPrefixSums(input.fans, (p) => pollAfterSeconds(Math.ceil(p / r)));
  const refusedSums = pollPrefixSums(input.fans, (p) => deniedPollSeconds(p, budget));
  const admittedAt: number[] = [];
  let lastAdmission = 0;
  const holdsAt: number[] = [];
  const seconds: Second[] = [];
  let joined = 0;
  let admittedTotal = 0;
  let connected = 0;
  for (let t = 0; ; t++) {
    joined = Math.min(input.fans, joined + (t < joinWindow ? joinRate : 0));
    const soldOut = admittedTotal >= shoppers;
    const admitted = soldOut ? 0 : Math.min(r, joined - admittedTotal, shoppers - admittedTotal);
    admittedTotal += admitted;
    admittedAt[t] = admitted;
    if (admitted > 0) lastAdmission = t;
    // After the last shopper is admitted the line is told the sale is over; nobody waits any more.
    const waiting = admittedTotal >= shoppers ? 0 : Math.floor(Math.max(0, joined - admittedTotal));
    const sum = (xs: number[], from: number, to: number) => xs.slice(Math.max(0, from), Math.max(0, to + 1)).reduce((s, x) => s + (x ?? 0), 0);
    const shopping = sum(admittedAt, t - a.secondsToHold + 1, t);
    const inApp = sum(admittedAt, t - a.secondsToHold - a.secondsToPay + 1, t);
    const leaving = admittedAt[t - a.secondsToHold - a.secondsToPay] ?? 0;

    // Sockets: the fans within the connect lead and every admitted fan still in the app want one; the budget rations.
    const nearFront = Math.min(waiting, Math.floor(r * CONNECT_LEAD_SECONDS));
    const want = nearFront + inApp;
    const kept = Math.max(0, connected - leaving);
    connected = Math.min(want, kept + budget);
    const wsConnects = Math.max(0, connected - kept);
    const refused = Math.round(want - connected);

    const joins = t < joinWindow ? joinRate : 0;
    const polls = (pollSums[waiting] ?? 0) - (pollSums[nearFront] ?? 0) + (refusedSums[refused] ?? 0);
    const holds = (admittedAt[t - a.secondsToHold] ?? 0) * holdsPerShopper;
    holdsAt[t] = holds;
    const payments = (holdsAt[t - a.secondsToPay] ?? 0) * a.payConversion;
    const availability = admitted * a.availabilityReadsPerShopper;
    const restRequests = joins + polls + holds + payments + availability;
    // The cache serves each token for `ttl` seconds: at most one invocation per fan per TTL, plus the uncached pays.
    const authorizerInvocations = Math.min(joins + polls + holds, (waiting + inApp) / ttl + joins) + payments;
    const wsMessages = wsConnects + admitted; // subscribe on connect, watchSeats on admission
    const connectedWaiting = Math.min(nearFront, Math.max(0, connected - inApp));
    const pushes = rankPushes(Math.round(connectedWaiting), Math.round(admitted)) + admitted + holds + 2 * payments + shopping;
    const lambda: Record<FunctionName, number> = {
      authorizer: authorizerInvocations,
      join: joins,
      status: polls,
      availability,
      hold: holds,
      pay: payments,
      wsConnect: wsConnects,
      wsMessage: wsMessages,
      // Calls overlap PUSH_CONCURRENCY to an invocation, so the function is busy 1/PUSH_CONCURRENCY of their sum.
      push: pushes / PUSH_CONCURRENCY,
    };
    const lambdaConcurrency = (Object.keys(lambda) as FunctionName[]).reduce((c, f) => c + (lambda[f] * a.functions[f].ms) / 1000, 0);
    seconds.push({
      joins,
      polls,
      admitted,
      holds,
      payments,
      availability,
      restRequests,
      authorizerInvocations,
      wsConnects,
      wsConnections: connected,
      wsMessages,
      pushes,
      seatWatchers: shopping,
      apiGatewayTotal: restRequests + wsMessages + wsConnects + pushes,
      lambda,
      lambdaConcurrency,
      startExecutions: holds,
      dynamoWru: holds * (a.wruPerHoldBase + a.wruPerHoldSeat * input.ticketsPerHold) + payments * (a.wruPerPaymentBase + a.wruPerPaymentSeat * input.ticketsPerHold),
      dynamoRru: holds * a.rruPerHold + payments * a.rruPerPayment,
      redisEcpu: joins * a.ecpuPerJoin + polls * a.ecpuPerPoll + wsConnects * a.ecpuPerConnect + admitted * a.ecpuPerAdmission,
    });
    const done = t >= joinWindow && admittedTotal >= Math.min(shoppers, joined) && t > lastAdmission + a.secondsToHold + a.secondsToPay;
    if (done || t > 24 * 3600) return seconds;
  }
}

type Metric = Exclude<keyof Second, 'lambda'>;

export interface MinuteRow {
  minute: number;
  peak: Record<Metric, number>;
}

/** Peak (busiest second) of every rate in each minute of the sale. */
export function perMinute(seconds: Second[]): MinuteRow[] {
  const rows: MinuteRow[] = [];
  for (let m = 0; m * 60 < seconds.length; m++) {
    const slice = seconds.slice(m * 60, m * 60 + 60);
    const peak = {} as Record<Metric, number>;
    for (const k of Object.keys(slice[0] ?? {}) as Array<keyof Second>) if (k !== 'lambda') peak[k] = Math.max(...slice.map((s) => s[k] as number));
    rows.push({ minute: m + 1, peak });
  }
  return rows;
}

export interface Plan {
  input: SaleInput;
  durationSeconds: number;
  minutes: MinuteRow[];
  quotas: Array<{ quota: string; default: number; peak: number; raiseTo?: number }>;
  provisionedConcurrency: Record<FunctionName, number>;
  dynamo: { peakWru: number; peakRru: number; warmWriteUnitsPerSecond: number; warmReadUnitsPerSecond: number; seatPartitions: number; hottestSeatPartitionWru: number; reservationIndexShardWru: number };
  elastiCache: { peakEcpuPerSecond: number; minimumEcpuPerSecond: number; dataGb: number };
  /**
   * One show's SEATS fan-out at its peak: parts of FAN_OUT_PART watchers, each sent by its own invocation with
   * PUSH_CONCURRENCY calls in flight, all at once; a version reaches every watcher in the time of one part.
   */
  seatFanOut: { peakWatchers: number; parts: number; secondsPerVersion: number };
  /** The stage's throttles now, and what they must be (peak × headroom) to serve this sale once the quota is raised. */
  throttles: {
    current: { stage: number; joins?: number; status?: number; holds?: number };
    needed: { stage: number; joins: number; status: number; holds: number };
    peakRest: number;
  };
  cost: Record<string, number>;
}

/** Rounds up to a multiple of `step`, ignoring float noise (333.33… × 1.5 is 500, not 600). */
const ceilTo = (n: number, step: number) => Math.ceil(n / step - 1e-9) * step;

export function plan(input: SaleInput): Plan {
  const a = ASSUMPTIONS;
  const seconds = simulate(input);
  const peak = (f: (s: Second) => number) => Math.max(...seconds.map(f));
  const total = (f: (s: Second) => number) => seconds.reduce((n, s) => n + f(s), 0);

  const quota = (name: string, dflt: number, p: number) => ({ quota: name, default: dflt, peak: Math.ceil(p), ...(p > 0.8 * dflt ? { raiseTo: ceilTo(p * a.prewarmHeadroom, 100) } : {}) });
  const functions = Object.keys(a.functions) as FunctionName[];
  const provisionedConcurrency = Object.fromEntries(
    functions.map((f) => [f, Math.ceil(peak((s) => (s.lambda[f] * a.functions[f].ms) / 1000) * a.provisionedHeadroom)]),
  ) as Record<FunctionName, number>;

  const seatPartitions = Math.ceil(input.seats / (SEAT_ROWS_PER_PARTITION * a.seatsPerRow));
  const peakHolds = peak((s) => s.holds);
  const peakWru = peak((s) => s.dynamoWru);
  const peakRru = peak((s) => s.dynamoRru);
  const peakEcpu = peak((s) => s.redisEcpu);
  const methods = input.stage.methodThrottles ?? {};

  // Cost of the sale by service.
  const gbSeconds = total((s) => functions.reduce((g, f) => g + (s.lambda[f] * a.functions[f].ms * a.functions[f].mb) / 1024 / 1000, 0));
  const invocations = total((s) => functions.reduce((n, f) => n + s.lambda[f], 0));
  const hours = seconds.length / 3600;
  // Provisioned concurrency is paid from 15 minutes before the opening to the end of the sale.
  const provisionedGbSeconds = functions.reduce((g, f) => g + (provisionedConcurrency[f] * a.functions[f].mb) / 1024, 0) * (seconds.length + 900);
  const cost = {
    'API Gateway REST': total((s) => s.restRequests) * PRICES.restRequest,
    'API Gateway WebSocket': total((s) => s.wsMessages + s.pushes) * PRICES.webSocketMessage + total((s) => s.wsConnections / 60) * PRICES.webSocketConnectionMinute,
    Lambda: gbSeconds * PRICES.lambdaArmGbSecond + invocations * PRICES.lambdaRequest + provisionedGbSeconds * PRICES.lambdaArmProvisionedGbSecond,
    DynamoDB: total((s) => s.dynamoWru) * PRICES.dynamoWriteUnit + total((s) => s.dynamoRru) * PRICES.dynamoReadUnit,
    'Step Functions': total((s) => s.holds * a.transitionsPerHold + s.payments * a.transitionsPerPayment) * PRICES.stepFunctionsTransition,
    'EventBridge + SQS': total((s) => s.holds + 2 * s.payments) * (PRICES.eventBridgeEvent + 3 * PRICES.sqsRequest),
    ElastiCache: total((s) => s.redisEcpu) * PRICES.elastiCacheEcpu + Math.max(1, (input.fans * a.redisBytesPerFan) / 1e9) * PRICES.elastiCacheGbHour * Math.max(1, hours),
    CloudFront: (input.fans * a.bytesPerFanFromCdn) / 1e9 * PRICES.cloudFrontGb + input.fans * 20 * PRICES.cloudFrontRequest,
    'CloudWatch Logs': (invocations * a.logBytesPerInvocation) / 1e9 * PRICES.logsIngestGb,
  };

  return {
    input,
    durationSeconds: seconds.length,
    minutes: perMinute(seconds),
    quotas: [
      quota('API Gateway requests/s (REST + WebSocket + @connections, account)', awsQuotas.apiGatewayRps, peak((s) => s.apiGatewayTotal)),
      quota('API Gateway WebSocket new connections/s', awsQuotas.webSocketNewConnectionsPerSecond, peak((s) => s.wsConnects)),
      quota('Lambda concurrent executions', awsQuotas.lambdaConcurrency, peak((s) => s.lambdaConcurrency)),
      quota('Step Functions StartExecution/s', awsQuotas.stepFunctionsStartExecutionPerSecond, peak((s) => s.startExecutions)),
    ],
    provisionedConcurrency,
    dynamo: {
      peakWru: Math.ceil(peakWru),
      peakRru: Math.ceil(peakRru),
      warmWriteUnitsPerSecond: ceilTo(peakWru * a.prewarmHeadroom, 1000),
      warmReadUnitsPerSecond: ceilTo(peakRru * a.prewarmHeadroom, 1000),
      seatPartitions,
      hottestSeatPartitionWru: Math.ceil(((peakHolds * input.ticketsPerHold * 2) / seatPartitions) * a.hotPartitionSkew),
      reservationIndexShardWru: Math.ceil(peakHolds / RESERVATION_INDEX_SHARDS),
    },
    elastiCache: { peakEcpuPerSecond: Math.ceil(peakEcpu), minimumEcpuPerSecond: ceilTo(peakEcpu * a.prewarmHeadroom, 1000), dataGb: (input.fans * a.redisBytesPerFan) / 1e9 },
    seatFanOut: {
      peakWatchers: Math.ceil(peak((s) => s.seatWatchers)),
      parts: Math.max(1, Math.ceil(peak((s) => s.seatWatchers) / FAN_OUT_PART)),
      secondsPerVersion: (Math.min(FAN_OUT_PART, peak((s) => s.seatWatchers)) * a.functions.push.ms) / PUSH_CONCURRENCY / 1000,
    },
    throttles: {
      current: {
        stage: input.stage.throttling.rateLimit,
        joins: methods['POST /v1/concerts/{concertId}/queue']?.rateLimit,
        status: methods['GET /v1/concerts/{concertId}/queue/me']?.rateLimit,
        holds: methods['POST /v1/reservations']?.rateLimit,
      },
      needed: {
        stage: ceilTo(peak((s) => s.restRequests) * a.prewarmHeadroom, 100),
        joins: ceilTo(peak((s) => s.joins) * a.prewarmHeadroom, 100),
        status: ceilTo(peak((s) => s.polls) * a.prewarmHeadroom, 100),
        holds: ceilTo(peakHolds * a.prewarmHeadroom, 100),
      },
      peakRest: Math.ceil(peak((s) => s.restRequests)),
    },
    cost,
  };
}
