import { useEffect, useRef, useState } from 'preact/hooks';
import { concertDetail } from '../api/catalog';
import { api, getUntyped } from '../api/client';
import { ApiError, apiErrorFrom, humanError } from '../api/errors';
import { link, realtime } from '../api/realtime';
import { session } from '../api/session';
import type { Challenge, ConcertDetail, JoinResult, QueueStatus } from '../api/types';
import { clockTime, duration, number, shortDate } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { currentRoute, go, signInHref } from '../ui/router';
import { useStore } from '../ui/store';
import { fetchQueueStatus, noteStatus } from './admission';
import { displayedPosition, etaRange, nextPollMs, progress } from './line-math';
import { ShoppingTimer } from './shopping-timer';
import { solveInWorker } from './solve-in-worker';
import { challengeHeader as challengeHeaderOf } from '../../../functions/domain/abuse/proof-of-work';

/** After a failed status poll. */
const FAILED_POLL_MS = 5000;

type View = { kind: 'joining' } | { kind: 'challenge'; tries: number } | { kind: 'status'; status: QueueStatus } | { kind: 'error'; error: unknown };

const joinedKey = (concertId: string, user: string) => `ticketrush.joined.${concertId}.${user}`;

/** POST …/queue, answering a join challenge in a worker when the concert asks for one. */
async function joinLine(concertId: string, onChallenge: (tries: number) => void): Promise<JoinResult> {
  let challengeHeader: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data, error, response } = await api().POST('/v1/concerts/{concertId}/queue', {
      params: { path: { concertId } },
      headers: challengeHeader ? { 'x-queue-challenge': challengeHeader } : {},
    });
    if (response.ok) return data as unknown as JoinResult;
    const failure = await apiErrorFrom(new Response(JSON.stringify(error ?? {}), { status: response.status, headers: response.headers }));
    if (failure.code !== 'CHALLENGE_REQUIRED') throw failure;
    const offered = (failure.details?.challenge ?? undefined) as Challenge | undefined;
    const challenge = offered ?? (await getUntyped<Challenge>(`/concerts/${encodeURIComponent(concertId)}/queue/challenge`)).body;
    if (!challenge) throw failure;
    onChallenge(0);
    const nonce = await solveInWorker(challenge, onChallenge);
    challengeHeader = challengeHeaderOf(challenge.challengeId, nonce);
  }
  throw new ApiError(403, 'CHALLENGE_REQUIRED', 'challenge not accepted');
}

function LinkStatus({ lastUpdateMs }: { lastUpdateMs: number }) {
  const state = useStore(link);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const text =
    state.state === 'open'
      ? t('queue.live')
      : state.state === 'waiting'
        ? t('queue.reconnecting', { s: Math.max(1, Math.ceil((state.retryAtMs - Date.now()) / 1000)) })
        : t('queue.connecting');
  return (
    <p class="link-status" data-testid="link-status">
      <span class={`dot ${state.state}`} aria-hidden="true" /> {text} · <span data-testid="last-update">{t('queue.lastUpdate', { time: clockTime(lastUpdateMs) })}</span>
    </p>
  );
}

function Waiting({ status, joined, lastUpdateMs, shown }: { status: QueueStatus; joined: number; lastUpdateMs: number; shown: number }) {
  const eta = etaRange(status.etaSeconds);
  const share = progress(joined, shown);
  return (
    <div class="panel queue" data-testid="waiting">
      <h1>{t('queue.title')}</h1>
      <p class="label">{t('queue.position')}</p>
      <p class="pos" data-testid="position" aria-live="off">
        {number(shown)}
      </p>
      <p class="ahead" data-testid="ahead">
        {t('queue.ahead', { n: number(Math.max(0, shown - 1)) })}
      </p>
      <div class="progress" role="progressbar" aria-label={t('queue.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} data-testid="progress">
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p data-testid="eta">{eta ? t('queue.eta', { low: duration(eta.low), high: duration(eta.high) }) : t('queue.etaNow')}</p>
      <p class="keep" role="note">
        {t('queue.keep')}
      </p>
      <LinkStatus lastUpdateMs={lastUpdateMs} />
    </div>
  );
}

function Admitted({ concert }: { concert: ConcertDetail }) {
  return (
    <div class="panel queue admitted" data-testid="admitted">
      <h1>{t('queue.admitted')}</h1>
      <ShoppingTimer concertId={concert.concertId} />
      <p>{t('queue.admittedHint')}</p>
      <ul class="plain shows">
        {concert.shows.map((show) => (
          <li key={show.showId}>
            <a class="button big" href={`#/concerts/${concert.concertId}/shows/${show.showId}`}>
              {shortDate(show.startsAt)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The waiting room: joins (idempotently, so a reload or a second tab lands on the same place), then follows the place
 * through RANK_UPDATE pushes and `queue/me` polls paced by the server's hints, and moves the shown number smoothly
 * between readings.
 */
export function QueueRoom({ concertId }: { concertId: string }) {
  useLang();
  const user = useStore(session);
  const [view, setView] = useState<View>({ kind: 'joining' });
  const [concert, setConcert] = useState<ConcertDetail | undefined>();
  const [lastUpdateMs, setLastUpdateMs] = useState(Date.now());
  const [now, setNow] = useState(Date.now());
  const reading = useRef<{ position: number; atMs: number; rate: number }>({ position: 0, atMs: 0, rate: 0 });
  const joined = useRef(0);

  useEffect(() => {
    if (!user) return go(signInHref(`#/concerts/${concertId}/queue`));
    let live = true;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let unwatch: (() => void) | undefined;
    void concertDetail(concertId).then((c) => live && setConcert(c));

    const apply = (status: QueueStatus) => {
      if (!live) return;
      noteStatus(status);
      const at = Date.now();
      if (status.status === 'WAITING') {
        const key = joinedKey(concertId, user.user.nickname);
        const stored = Number(localStorage.getItem(key));
        joined.current = stored >= status.position ? stored : status.position;
        localStorage.setItem(key, String(joined.current));
        const prev = reading.current;
        const moved = prev.position - status.position;
        const rate = prev.atMs && moved > 0 ? moved / Math.max(0.5, (at - prev.atMs) / 1000) : prev.rate * 0.5;
        reading.current = { position: status.position, atMs: at, rate };
      }
      setLastUpdateMs(at);
      setView({ kind: 'status', status });
      if ((status.status === 'WAITING' || status.status === 'PREQUEUE') && status.connect !== false && !unwatch) {
        unwatch = realtime.watch(`queue:${concertId}`, { action: 'subscribe', concertId }, { action: 'unsubscribe', concertId });
      }
    };

    const poll = async () => {
      try {
        const status = await fetchQueueStatus(concertId);
        apply(status);
        schedule(status);
      } catch {
        // A failed poll waits longer than a near-front one, not shorter: the server may be shedding load.
        later(FAILED_POLL_MS);
      }
    };
    const later = (ms: number) => {
      clearTimeout(pollTimer);
      if (live) pollTimer = setTimeout(() => void poll(), ms);
    };
    const schedule = (status: QueueStatus) => {
      if (status.status === 'ACTIVE' || status.status === 'EXPIRED') clearTimeout(pollTimer);
      else later(nextPollMs(status));
    };

    const off = realtime.on((m) => {
      if (!('concertId' in m) || m.concertId !== concertId) return;
      if (m.type === 'RANK_UPDATE') apply({ concertId, status: 'WAITING', position: m.position, ahead: m.ahead, etaSeconds: m.etaSeconds });
      if (m.type === 'ACTIVE') apply({ concertId, status: 'ACTIVE', position: 0, ahead: 0, etaSeconds: 0, admissionToken: m.admissionToken, activeExpiresAt: m.activeExpiresAt });
      if (m.type === 'EXPIRED') apply({ concertId, status: 'EXPIRED', position: 0, ahead: 0, etaSeconds: 0 });
    });

    const start = async () => {
      try {
        // `?rejoin=1` comes from a lapsed window: the old place is gone, so join afresh.
        const rejoin = currentRoute().query.get('rejoin') === '1';
        const current = rejoin ? undefined : await fetchQueueStatus(concertId);
        if (current && current.status !== 'NONE' && current.status !== 'EXPIRED') {
          apply(current);
          return schedule(current);
        }
        if (rejoin) history.replaceState(null, '', `#/concerts/${concertId}/queue`);
        const result = await joinLine(concertId, (tries) => live && setView({ kind: 'challenge', tries }));
        // A buffered join is placed within a second or so.
        if (result.status === 'PENDING') return later(1000);
        apply(result);
        schedule(result);
      } catch (error) {
        if (live) setView({ kind: 'error', error });
      }
    };
    void start();
    const frame = setInterval(() => setNow(Date.now()), 250);
    return () => {
      live = false;
      clearTimeout(pollTimer);
      clearInterval(frame);
      off();
      unwatch?.();
    };
  }, [concertId, user?.user.nickname]);

  if (view.kind === 'joining') return <p class="muted">{t('queue.pending')}</p>;
  if (view.kind === 'challenge') {
    return (
      <div class="panel queue" aria-busy="true" data-testid="challenge">
        <p>{t('queue.challenge')}</p>
        <div class="progress indeterminate" role="progressbar" aria-label={t('queue.challenge')}>
          <span />
        </div>
        <p class="muted">{t('queue.challengeProgress', { n: number(view.tries) })}</p>
      </div>
    );
  }
  if (view.kind === 'error') {
    return (
      <div class="panel error" role="alert">
        <h2>{t('error.title')}</h2>
        <p>{humanError(view.error)}</p>
        <a class="button" href={`#/concerts/${concertId}/queue?rejoin=1`}>
          {t('error.retry')}
        </a>
      </div>
    );
  }
  const { status } = view;
  if (status.status === 'ACTIVE') return concert ? <Admitted concert={concert} /> : <p class="muted">{t('app.loading')}</p>;
  if (status.status === 'EXPIRED' || status.status === 'NONE') {
    return (
      <div class="panel queue" role="alert" data-testid="expired">
        <h1>{t('queue.expired')}</h1>
        <p>{t('queue.expiredHint')}</p>
        <a class="button" href={`#/concerts/${concertId}/queue?rejoin=1`}>
          {t('queue.rejoin')}
        </a>
      </div>
    );
  }
  if (status.status === 'PREQUEUE') {
    return (
      <div class="panel queue" data-testid="prequeue">
        <h1>{t('queue.title')}</h1>
        <p>{t('queue.prequeue')}</p>
        <p class="keep">{t('queue.keep')}</p>
        <LinkStatus lastUpdateMs={lastUpdateMs} />
      </div>
    );
  }
  const r = reading.current;
  const shown = displayedPosition(r, r.rate, now, 5000);
  return <Waiting status={status} joined={joined.current} lastUpdateMs={lastUpdateMs} shown={shown} />;
}
