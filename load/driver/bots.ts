/**
 * `npm run load:bots [-- --honest 200 --bots 20 --seats 300 --bot-seconds 60 --difficulty 0]` — a bot war on the
 * local cloud, abuse rules on: `bots` scripted accounts on ONE device (`X-Device-Id`) and one address flood join and
 * hold (one request in flight per bot, no pause), next to `honest` fans who each join once, poll their status 4
 * times a second until admitted, and hold one seat (up to 3 tries, a second apart, another seat each time).
 *
 * Reports how many places in the line and seats the bots got, how their requests were refused (by rule), and how
 * many honest fans were wrongly refused (any 429 or 403 CHALLENGE_REQUIRED; goal: 0). Locally every client is
 * 127.0.0.1, so the per-address limits are lifted (stage config) and the per-user limits and abuse rules do the work.
 */
import { numberArg } from './driver-kit';
import { markdownTable, round, runConcurrently, writeReport } from './queue-measure';

const HONEST = numberArg('honest', 200);
const BOTS = numberArg('bots', 20);
const SEATS = numberArg('seats', 300);
const BOT_SECONDS = numberArg('bot-seconds', 60);
const DIFFICULTY = numberArg('difficulty', 0);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const cloudModule = '../../local/cloud';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Reply {
  status: number;
  body: { error?: { code: string; details?: { rule?: string; challenge?: { challengeId: string; salt: string; difficulty: number } } } } & Record<string, unknown>;
}

async function call(url: string, opts: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const res = await fetch(url, {
    method: opts.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** Tallies of one population's requests: outcomes by status/code/rule. */
class Tally {
  readonly outcomes = new Map<string, number>();
  /** Counts the reply; true when the rules refused it (any 429, or CHALLENGE_REQUIRED). */
  add(r: Reply): boolean {
    const code = r.body.error?.code;
    const key = code ? `${r.status} ${code}${r.body.error?.details?.rule ? ` (${r.body.error.details.rule})` : ''}` : String(r.status);
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    return r.status === 429 || code === 'CHALLENGE_REQUIRED';
  }
  table() {
    return [...this.outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([outcome, count]) => ({ outcome, count }));
  }
}

async function main() {
  const { startLocalCloud } = (await import(cloudModule)) as { startLocalCloud: (o: { port: number; seed: boolean }) => Promise<{ url: string; stop(): Promise<void> }> };
  const cloud = await startLocalCloud({ port: 0, seed: false });
  const api = `${cloud.url}/v1`;
  try {
    const { seedShow } = await import('../../test/integration/reservations/fixtures');
    const { solve } = await import('../../functions/domain/abuse/proof-of-work-sha256');
    const perRow = 100;
    const show = await seedShow({ rows: Math.ceil(SEATS / perRow), seatsPerRow: perRow });
    const seatIds = show.seatIds.slice(0, SEATS);
    const signIn = async (nickname: string, role = 'USER') => {
      const r = await call(`${api}/auth/dev/sign-in`, { method: 'POST', body: { nickname, role } });
      if (r.status !== 200) throw new Error(`sign-in of ${nickname} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.accessToken as string;
    };
    const admin = await signIn('bots-admin', 'ADMIN');
    await call(`${api}/admin/concerts/${show.concertId}/queue-config`, {
      method: 'PUT',
      token: admin,
      body: { mode: 'direct', admitPerSecond: 50, maxActive: HONEST + BOTS, activeTtlSeconds: 600, maxWaiting: 1_000_000, challengeDifficulty: DIFFICULTY },
    });
    console.log(`signing in ${HONEST} fans and ${BOTS} bots…`);
    const honestTokens: string[] = [];
    const botTokens: string[] = [];
    // One at a time per population slot: a failed sign-in stops the run rather than sending anonymous requests.
    for (const [n, tokens, prefix] of [[HONEST, honestTokens, 'fan'], [BOTS, botTokens, 'bot']] as const) {
      for (let i = 0; i < n; i += 20) await Promise.all(Array.from({ length: Math.min(20, n - i) }, async (_, k) => (tokens[i + k] = await signIn(`${prefix}-${show.concertId.slice(-8)}-${i + k}`))));
    }

    const queueUrl = `${api}/concerts/${show.concertId}/queue`;
    const honest = new Tally();
    const bots = new Tally();
    const taken = new Set<string>();
    /** A seat this client believes free, uniformly at random (a fan picks from the seat map). */
    const pickSeat = () => {
      const free = seatIds.filter((s) => !taken.has(s));
      return free[Math.floor(Math.random() * free.length)];
    };
    /** A join as the web app does it: with the challenge solved when the concert asks for one. */
    async function join(token: string, device: string, tally: Tally): Promise<Reply> {
      const r = await call(queueUrl, { method: 'POST', token, headers: { 'x-device-id': device } });
      const challenge = r.body.error?.details?.challenge;
      // The first CHALLENGE_REQUIRED is how a client learns it must solve one: not a refusal.
      if (r.body.error?.code !== 'CHALLENGE_REQUIRED' || !challenge) return (tally.add(r), r);
      const solved = await call(queueUrl, { method: 'POST', token, headers: { 'x-device-id': device, 'x-queue-challenge': `${challenge.challengeId}:${solve(challenge.salt, challenge.difficulty)}` } });
      tally.add(solved);
      return solved;
    }
    const hold = async (token: string, device: string, admission: string, seats: string[], tally: Tally) => {
      const r = await call(`${api}/reservations`, { method: 'POST', token, headers: { 'x-device-id': device, 'x-admission-token': admission }, body: { showId: show.showId, seatIds: seats } });
      tally.add(r);
      // Won, or lost to someone else: either way the seat map now shows these seats taken.
      if (r.status === 201) for (const s of seats) taken.add(s);
      for (const s of (r.body.error?.details as { seatIds?: string[] } | undefined)?.seatIds ?? []) taken.add(s);
      return r;
    };

    const honestResults = { placed: 0, admitted: 0, seats: 0, wronglyRefused: 0, gaveUp: 0 };
    const botResults = { placed: new Set<number>(), seats: 0, requests: 0 };
    let honestDone = false;
    const botDeadline = Date.now() + BOT_SECONDS * 1000;

    /**
     * A fan's write as the web app sends it: a 503 is sent again after its Retry-After (the page does so 3 times),
     * and then the fan presses the button again — up to FAN_TRIES sends in all (join and hold tally every answer).
     */
    const FAN_TRIES = 8;
    async function asFan(send: () => Promise<Reply>): Promise<Reply> {
      for (let attempt = 1; ; attempt++) {
        const r = await send();
        if (r.status !== 503 || attempt >= FAN_TRIES) return r;
        // The API's Retry-After on a 503 is 1–2 s.
        await sleep(1500 * (0.5 + Math.random()));
      }
    }

    const fan = async (i: number) => {
      const token = honestTokens[i]!;
      const device = `fan-device-${i}`;
      let refused = false;
      const joined = await asFan(() => join(token, device, honest));
      refused ||= joined.status === 429 || joined.body.error?.code === 'CHALLENGE_REQUIRED';
      if (joined.status === 200) honestResults.placed++;
      let admission: string | undefined;
      for (let polls = 0; polls < 4 * 120 && !admission; polls++) {
        const status = await call(`${queueUrl}/me`, { token, headers: { 'x-device-id': device } });
        refused ||= honest.add(status);
        admission = status.body.admissionToken as string | undefined;
        if (!admission) await sleep(250);
      }
      if (admission) {
        honestResults.admitted++;
        let won = false;
        for (let attempt = 0; attempt < 3 && !won; attempt++) {
          const seat = pickSeat();
          if (!seat) break;
          const r = await asFan(() => hold(token, device, admission, [seat], honest));
          refused ||= r.status === 429;
          won = r.status === 201;
          if (!won) await sleep(1000);
        }
        if (won) honestResults.seats++;
        else honestResults.gaveUp++;
      }
      if (refused) honestResults.wronglyRefused++;
    };

    const bot = async (i: number) => {
      const token = botTokens[i]!;
      let admission: string | undefined;
      while (Date.now() < botDeadline && !honestDone) {
        botResults.requests++;
        if (!admission) {
          const r = await join(token, 'bot-farm-device', bots);
          if (r.status === 200) {
            botResults.placed.add(i);
            admission = r.body.admissionToken as string | undefined;
          }
          continue;
        }
        const seats = [pickSeat(), pickSeat()].filter((s): s is string => Boolean(s));
        if (!seats.length) break;
        const r = await hold(token, 'bot-farm-device', admission, [...new Set(seats)], bots);
        if (r.status === 201) botResults.seats += new Set(seats).size;
      }
    };

    console.log(`flooding: ${BOTS} bots on one device next to ${HONEST} fans…`);
    const started = Date.now();
    const botsRunning = Promise.all(Array.from({ length: BOTS }, (_, i) => bot(i)));
    await runConcurrently(HONEST, HONEST, fan);
    honestDone = true;
    await botsRunning;
    const seconds = round((Date.now() - started) / 1000, 1);

    const json = {
      honest: { users: HONEST, ...honestResults, outcomes: honest.table() },
      bots: { accounts: BOTS, device: 'one X-Device-Id, one address', placesInLine: botResults.placed.size, seatsHeld: botResults.seats, requests: botResults.requests, outcomes: bots.table() },
      seats: SEATS,
      challengeDifficulty: DIFFICULTY,
      seconds,
      // Every fan must have got a place: a run where nobody got in proves nothing about wrongful refusals.
      verdict: honestResults.wronglyRefused === 0 && honestResults.placed === HONEST ? 'PASS' : 'FAIL',
    };
    const summaryTable = markdownTable([
      { what: 'bot accounts (one device, one address)', value: BOTS },
      { what: 'bot requests sent', value: botResults.requests },
      { what: 'places in line the bots got', value: `${json.bots.placesInLine} of ${BOTS} accounts` },
      { what: 'seats the bots held', value: `${botResults.seats} of ${SEATS}` },
      { what: 'honest fans', value: HONEST },
      { what: 'honest fans placed / admitted / holding a seat', value: `${honestResults.placed} / ${honestResults.admitted} / ${honestResults.seats}` },
      { what: 'honest fans who lost 3 seat races and gave up', value: honestResults.gaveUp },
      { what: 'honest fans wrongly refused (429, or 403 CHALLENGE_REQUIRED after solving) — goal 0', value: honestResults.wronglyRefused },
    ]);
    const markdown = [
      `# Bot scenario — ${new Date().toISOString()}`,
      '',
      `Local cloud, abuse rules on with the local stage's config (per-address limits lifted: every client is 127.0.0.1). ${BOTS} bots flood join and hold with one request in flight each, on one X-Device-Id, for up to ${BOT_SECONDS} s; ${HONEST} fans join once, poll their status 4×/s until admitted, then hold one seat (3 tries, 1 s apart). Join challenge difficulty ${DIFFICULTY}. ${seconds} s.`,
      '',
      summaryTable,
      '',
      '## Bot requests by outcome',
      '',
      markdownTable(bots.table()),
      '',
      '## Honest requests by outcome',
      '',
      markdownTable(honest.table()),
      '',
      `Verdict: **${json.verdict}** (honest fans wrongly refused: ${honestResults.wronglyRefused}; placed: ${honestResults.placed} of ${HONEST})`,
      '',
    ].join('\n');
    console.log(markdown);
    console.log(`report: ${writeReport('bots', json, markdown)}`);
    if (json.verdict !== 'PASS') process.exitCode = 1;
  } finally {
    await cloud.stop();
  }
}

await main();
