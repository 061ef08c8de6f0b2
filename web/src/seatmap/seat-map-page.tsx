import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { concertDetail } from '../api/catalog';
import { api, ok } from '../api/client';
import { outcomeUnknown, ReplayableKey, retryingUnavailable } from '../api/replayable-write';
import { ApiError, humanError } from '../api/errors';
import { realtime } from '../api/realtime';
import { session } from '../api/session';
import type { ConcertDetail, Reservation } from '../api/types';
import { money, seatName, shortDate } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { admissionOf, fetchQueueStatus } from '../queue/admission';
import { ShoppingTimer } from '../queue/shopping-timer';
import { ErrorPanel } from '../ui/async';
import { go } from '../ui/router';
import { useStore } from '../ui/store';
import { say } from '../ui/toast';
import { bestAvailable } from './best-available';
import { AVAILABLE, availableByGrade, findSeat, seatAt, setStatus, versionCheck, type SeatModel, type SectionModel } from './model';
import { loadSeats, ownHolds, reloadAvailability } from './load-seats';
import { gradeClass, Overview } from './overview';
import { SectionGrid } from './section-grid';
import { usePinchZoom } from './zoom';

interface Loaded {
  concert: ConcertDetail;
  model: SeatModel;
}

/** Which seat indexes the fan's own live reservations cover. */
function mineOf(model: SeatModel, holds: Reservation[]): Set<number> {
  const out = new Set<number>();
  for (const r of holds) for (const s of r.seats) {
    const ref = findSeat(model, s.seatId);
    if (ref) out.add(ref.index);
  }
  return out;
}

/**
 * The seat map: venue overview → a zoomed section → the sticky selection bar with Hold. Live SEATS pushes update it;
 * a seat the fan picked that someone else takes turns unavailable at once, with a message.
 */
export function SeatMapPage({ concertId, showId, viewOnly }: { concertId: string; showId: string; viewOnly: boolean }) {
  useLang();
  const user = useStore(session);
  const admission = useStore(admissionOf(concertId));
  const [data, setData] = useState<Loaded | undefined>();
  const [error, setError] = useState<unknown>();
  const [revision, setRevision] = useState(0);
  const [open, setOpen] = useState<SectionModel | undefined>();
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [mine, setMine] = useState<Set<number>>(new Set());
  const [focusIndex, setFocusIndex] = useState<number | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [lapsed, setLapsed] = useState(false);
  const [bestGrade, setBestGrade] = useState<string>('');
  const [bestCount, setBestCount] = useState(2);
  const pickedRef = useRef(picked);
  pickedRef.current = picked;
  const mineRef = useRef(mine);
  mineRef.current = mine;
  // Seats of a hold in flight: their HELD push may arrive before the hold's own answer and is not "taken by another".
  const holdingRef = useRef(new Set<number>());
  const holdKey = useRef(new ReplayableKey());
  const zoom = usePinchZoom();

  const canPick = !viewOnly && Boolean(admission) && !lapsed;
  const max = data?.concert.salesPolicy.maxTicketsPerUser ?? 4;

  useEffect(() => {
    let live = true;
    const offs: Array<() => void> = [];
    (async () => {
      const concert = await concertDetail(concertId);
      if (user && !viewOnly) void fetchQueueStatus(concertId).catch(() => undefined);
      const model = await loadSeats(concert, showId);
      if (!live) return;
      setData({ concert, model });
      requestAnimationFrame(() => performance.mark('seatmap-interactive'));
      const refreshMine = async () => {
        if (!user) return;
        const holds = await ownHolds(showId).catch(() => []);
        if (live) setMine(mineOf(model, holds));
      };
      void refreshMine();
      offs.push(
        realtime.on((m) => {
          if (m.type === 'RESERVATION') return void refreshMine();
          if (m.type !== 'SEATS' || m.showId !== showId) return;
          const check = versionCheck(model, m.version, m.changes.length);
          if (check === 'stale') return;
          if (check === 'gap') {
            void reloadAvailability(concert, showId, model).then(() => live && setRevision((r) => r + 1));
            return;
          }
          if (m.version !== undefined) model.version = m.version;
          const taken: string[] = [];
          const stillPicked = new Set(pickedRef.current);
          for (const change of m.changes) {
            const ref = findSeat(model, change.seatId);
            if (!ref) continue;
            setStatus(model, ref, change.status);
            if (change.status !== 'AVAILABLE' && stillPicked.has(ref.index) && !mineRef.current.has(ref.index) && !holdingRef.current.has(ref.index)) {
              stillPicked.delete(ref.index);
              taken.push(seatName(ref));
            }
          }
          if (taken.length) {
            const text = t('seats.takenByOther', { seat: taken.join(', ') });
            setPicked(stillPicked);
            setNotice(text);
          }
          setRevision((r) => r + 1);
        }),
      );
      if (user) offs.push(realtime.watch(`seats:${showId}`, { action: 'watchSeats', showId }, { action: 'unwatchSeats', showId }));
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [concertId, showId, user?.user.nickname]);

  const grades = useMemo(() => (data ? availableByGrade(data.model) : new Map()), [data, revision]);
  useEffect(() => {
    if (!bestGrade && grades.size) setBestGrade([...grades.keys()][0] as string);
  }, [grades]);

  if (error) return <ErrorPanel error={error} />;
  if (!data) return <p class="muted">{t('app.loading')}</p>;
  const { concert, model } = data;
  const show = concert.shows.find((s) => s.showId === showId);
  const pickedRefs = [...picked].map((i) => refOf(model, i)).filter((r) => r !== undefined);
  const total = pickedRefs.reduce((sum, r) => sum + r.section.price, 0);

  const toggle = (index: number) => {
    if (!canPick) return say(t('window.viewOnly'), 'info');
    const ref = refOf(model, index);
    if (!ref) return;
    const next = new Set(picked);
    if (next.has(index)) next.delete(index);
    else if (model.status[index] !== AVAILABLE || mine.has(index)) return;
    else if (next.size >= max) return say(t('seats.max', { n: max }), 'info');
    else next.add(index);
    setNotice(undefined);
    setPicked(next);
  };

  const findBest = () => {
    const found = bestAvailable(model, bestGrade, bestCount);
    if (!found) return say(t('seats.bestNone'), 'info');
    setPicked(new Set(found.slice(0, max).map((r) => r.index)));
    setOpen(found[0]?.section);
    setFocusIndex(found[0]?.index);
  };

  const hold = async () => {
    const current = admission ?? admissionOf(concertId).get();
    if (!current) return;
    setBusy(true);
    const seatIds = pickedRefs.map((r) => r.seatId);
    holdingRef.current = new Set(picked);
    try {
      const body = { showId, seatIds };
      const key = holdKey.current.for(body);
      const r = await retryingUnavailable(() => ok<Reservation>(api().POST('/v1/reservations', { headers: { 'idempotency-key': key, 'x-admission-token': current.token }, body })));
      holdKey.current.settle();
      go(`#/reservations/${r.reservationId}`);
    } catch (e) {
      if (!outcomeUnknown(e)) holdKey.current.settle();
      setBusy(false);
      holdingRef.current = new Set();
      if (e instanceof ApiError && e.code === 'NOT_ADMITTED') {
        const status = await fetchQueueStatus(concertId).catch(() => undefined);
        if (status?.status !== 'ACTIVE') setLapsed(true);
      }
      if (e instanceof ApiError && e.code === 'SEAT_UNAVAILABLE') void reloadAvailability(concert, showId, model).then(() => setRevision((x) => x + 1));
      const text = humanError(e);
      setNotice(text);
    }
  };

  return (
    <section class="seatmap-page">
      <header class="seatmap-head">
        <h1>{concert.title}</h1>
        <p class="muted">
          {show ? shortDate(show.startsAt) : ''} · {concert.venue.name}
        </p>
        {canPick || lapsed ? (
          <ShoppingTimer concertId={concertId} onLapse={() => setLapsed(true)} />
        ) : (
          <div class="panel note" role="note" data-testid="view-only">
            {t('window.viewOnly')}{' '}
            <a href={user ? `#/concerts/${concertId}/queue` : `#/sign-in?return=${encodeURIComponent(`#/concerts/${concertId}`)}`}>{t('window.toQueue')}</a>
          </div>
        )}
        {lapsed && !admission && (
          <div class="panel lapsed" role="alert" data-testid="window-lapsed">
            <p>{t('window.lapsed')}</p>
            <a class="button" href={`#/concerts/${concertId}/queue?rejoin=1`}>
              {t('queue.rejoin')}
            </a>
          </div>
        )}
        <a class="skip-inline" href="#selection" onClick={(e) => (e.preventDefault(), document.getElementById('hold')?.focus())}>
          {t('app.skipToSelection')}
        </a>
      </header>

      <div class="legend" aria-label={t('seats.remaining')} data-testid="grade-counts">
        {[...grades].map(([grade, g]) => (
          <span key={grade} class={`chip grade-${gradeClass(grade)}`} data-grade={grade}>
            <i aria-hidden="true" />
            {grade} {money(g.price, g.currency)} · {t('seats.remaining')} <strong>{g.available}</strong>
          </span>
        ))}
        {mine.size > 0 && <span class="chip mine-chip">{t('seats.status.MINE')}</span>}
      </div>

      <div class="best panel">
        <strong>{t('seats.best')}</strong>
        <label>
          {t('seats.bestGrade')}{' '}
          <select value={bestGrade} onChange={(e) => setBestGrade((e.currentTarget as HTMLSelectElement).value)}>
            {[...grades.keys()].map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <label>
          {t('seats.bestCount')}{' '}
          <select value={bestCount} onChange={(e) => setBestCount(Number((e.currentTarget as HTMLSelectElement).value))}>
            {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="secondary" onClick={findBest} disabled={!canPick} data-testid="best">
          {t('seats.bestFind')}
        </button>
      </div>

      {open ? (
        <div class="zoomed">
          <div class="row">
            <button type="button" class="secondary" onClick={() => setOpen(undefined)} data-testid="back-to-overview">
              ← {t('seats.back')}
            </button>
            <h2>{t('seats.sectionLabel', { section: open.name, grade: open.grade, left: open.available })}</h2>
            <span class="zoom-buttons">
              <button type="button" class="secondary" aria-label={t('seats.zoomOut')} onClick={zoom.out}>
                −
              </button>
              <button type="button" class="secondary" aria-label={t('seats.zoomIn')} onClick={zoom.in}>
                +
              </button>
            </span>
          </div>
          <div class="stage small">{t('seats.stage')}</div>
          <div class="scroller" ref={zoom.ref}>
            <SectionGrid
              model={model}
              section={open}
              revision={revision}
              picked={picked}
              mine={mine}
              focusIndex={focusIndex}
              seatPx={zoom.seatPx}
              canPick={canPick}
              onToggle={toggle}
              onFocusIndex={setFocusIndex}
            />
          </div>
        </div>
      ) : (
        <Overview sections={model.sections} revision={revision} onOpen={setOpen} />
      )}

      <div class="selection-bar" id="selection" data-testid="selection">
        {notice && (
          <p class="notice" role="alert" data-testid="notice">
            {notice}
          </p>
        )}
        <div class="row">
          <div class="picked" data-testid="picked">
            {pickedRefs.length ? (
              <>
                <strong>{t('seats.picked', { n: pickedRefs.length })}</strong>
                <span>{pickedRefs.map((r) => seatName(r)).join(', ')}</span>
              </>
            ) : (
              <span class="muted">{t('seats.none')}</span>
            )}
          </div>
          <div class="total">
            {t('seats.total')} <strong data-testid="total">{money(total, model.sections[0]?.currency)}</strong>
          </div>
          <button type="button" id="hold" class="big" disabled={!canPick || busy || pickedRefs.length === 0} onClick={hold} data-testid="hold">
            {t('seats.hold')}
          </button>
        </div>
      </div>
    </section>
  );
}

function refOf(model: SeatModel, index: number) {
  const section = model.sections.find((s) => index >= s.offset && index < s.offset + s.rows * s.seatsPerRow);
  if (!section) return undefined;
  const local = index - section.offset;
  return seatAt(model, section, Math.floor(local / section.seatsPerRow) + 1, (local % section.seatsPerRow) + 1);
}
