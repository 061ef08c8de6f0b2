import { useEffect, useRef, useState } from 'preact/hooks';
import { concertDetail } from '../api/catalog';
import { api, ok } from '../api/client';
import { outcomeUnknown, ReplayableKey, retryingUnavailable } from '../api/replayable-write';
import { isLocalStage } from '../api/config';
import { humanError } from '../api/errors';
import { realtime } from '../api/realtime';
import type { ConcertDetail, PayResult, Reservation } from '../api/types';
import { bookingNumber, countdown, dateTime, money, seatName } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { useSecondsLeft } from '../queue/shopping-timer';
import { ErrorPanel } from '../ui/async';
import { say } from '../ui/toast';

const TEST_CARDS = [
  { number: '4242424242424242', key: 'checkout.card.approve' },
  { number: '4000000000000002', key: 'checkout.card.decline' },
  { number: '4000000000009995', key: 'checkout.card.timeout' },
  { number: '4000000000000259', key: 'checkout.card.late' },
] as const;

type PayState = { kind: 'idle' } | { kind: 'declined' } | { kind: 'pending'; sinceMs: number };

const path = (reservationId: string) => ({ params: { path: { reservationId } } });
const fetchReservation = (reservationId: string) => ok<Reservation>(api().GET('/v1/reservations/{reservationId}', path(reservationId)));

function Summary({ r, concert }: { r: Reservation; concert: ConcertDetail }) {
  const show = concert.shows.find((s) => s.showId === r.showId);
  return (
    <dl class="summary" data-testid="summary">
      <dt>{t('ticket.booking')}</dt>
      <dd data-testid="booking-number">{bookingNumber(r.reservationId)}</dd>
      <dt>{t('ticket.concert')}</dt>
      <dd>{concert.title}</dd>
      <dt>{t('ticket.date')}</dt>
      <dd>{show ? dateTime(show.startsAt) : ''}</dd>
      <dt>{t('ticket.venue')}</dt>
      <dd>
        {concert.venue.name}, {concert.venue.city}
      </dd>
      <dt>{t('ticket.seats')}</dt>
      <dd>
        <ul class="plain">
          {r.seats.map((s) => (
            <li key={s.seatId}>
              {seatName(s)} · {s.grade} · {money(s.price, r.currency)}
            </li>
          ))}
        </ul>
      </dd>
      {/* "Paid" only once it was: a fan whose card was declined must not read that the money went. */}
      <dt>{t(r.confirmedAt ? 'ticket.amount' : 'ticket.amountDue')}</dt>
      <dd>
        <strong>{money(r.amount, r.currency)}</strong>
      </dd>
      <dt>{t('ticket.status')}</dt>
      <dd>
        <span class={`status ${r.status}`} data-testid="status" data-status={r.status}>
          {t(`status.${r.status}`)}
        </span>
      </dd>
    </dl>
  );
}

function PayForm({ r, state, onPaid }: { r: Reservation; state: PayState; onPaid: (result: PayResult) => void }) {
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const payKey = useRef(new ReplayableKey());
  const pay = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { paymentMethod: 'CARD' as const, card: { number: card.replace(/\s+/g, '') } };
      const key = payKey.current.for(body);
      const paid = await retryingUnavailable(() => ok<PayResult>(api().POST('/v1/reservations/{reservationId}/pay', { ...path(r.reservationId), headers: { 'idempotency-key': key }, body })));
      payKey.current.settle();
      onPaid(paid);
    } catch (err) {
      if (!outcomeUnknown(err)) payKey.current.settle();
      say(humanError(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel pay" onSubmit={pay} data-testid="pay-form">
      {state.kind === 'declined' && (
        <p class="notice error" role="alert" data-testid="declined">
          {t('checkout.declined')}
        </p>
      )}
      <label>
        {t('checkout.card')}
        <input name="card" inputMode="numeric" autocomplete="cc-number" required pattern="[0-9 ]{12,23}" value={card} onInput={(e) => setCard((e.currentTarget as HTMLInputElement).value)} data-testid="card" />
      </label>
      {isLocalStage() && (
        <fieldset class="test-cards">
          <legend>{t('checkout.testCards')}</legend>
          {TEST_CARDS.map((c) => (
            <button type="button" class="secondary small" key={c.number} onClick={() => setCard(c.number)} data-card={c.number}>
              {c.number.slice(-4)} · {t(c.key)}
            </button>
          ))}
        </fieldset>
      )}
      <button type="submit" class="big" disabled={busy} data-testid="pay">
        {state.kind === 'declined' ? t('checkout.payAgain') : t('checkout.pay', { amount: money(r.amount, r.currency) })}
      </button>
    </form>
  );
}

function CancelFlow({ r, concert, onChange }: { r: Reservation; concert: ConcertDetail; onChange: (r: Reservation) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const show = concert.shows.find((s) => s.showId === r.showId);
  const hours = concert.salesPolicy.refundCutoffHours;
  const until = show ? dateTime(new Date(Date.parse(show.startsAt) - hours * 3600_000).toISOString()) : '';
  const confirm = async () => {
    setBusy(true);
    try {
      const cancelled = await ok<Reservation>(api().POST('/v1/reservations/{reservationId}/cancel', path(r.reservationId)));
      onChange(cancelled);
      if (cancelled.paymentIntentId) onChange(await ok<Reservation>(api().POST('/v1/reservations/{reservationId}/refund', path(r.reservationId))));
    } catch (e) {
      say(humanError(e), 'error');
      onChange(await fetchReservation(r.reservationId));
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  if (!asking) {
    return (
      <button type="button" class="secondary" onClick={() => setAsking(true)} data-testid="cancel">
        {t('ticket.cancel')}
      </button>
    );
  }
  return (
    <div class="panel confirm" role="alertdialog" aria-labelledby="cancel-title" data-testid="cancel-confirm">
      <h2 id="cancel-title">{t('ticket.cancelTitle')}</h2>
      <p data-testid="refund-amount">{t('ticket.refundAmount', { amount: money(r.amount, r.currency) })}</p>
      <p>{t('ticket.cutoff', { hours, until })}</p>
      <div class="row">
        <button type="button" class="danger" disabled={busy} onClick={confirm} data-testid="confirm-cancel">
          {t('ticket.confirmCancel')}
        </button>
        <button type="button" class="secondary" onClick={() => setAsking(false)} autoFocus>
          {t('ticket.keep')}
        </button>
      </div>
    </div>
  );
}

/**
 * Checkout and ticket in one page, following the reservation's state: HOLD/PAYING → pay (again after a decline, until
 * the deadline) with the countdown; a pending card → a waiting state; CONFIRMED → the ticket with cancel; CANCELLED →
 * refund status; EXPIRED → what happened and the next step.
 */
export function ReservationPage({ reservationId }: { reservationId: string }) {
  useLang();
  const [r, setR] = useState<Reservation | undefined>();
  const [concert, setConcert] = useState<ConcertDetail | undefined>();
  const [error, setError] = useState<unknown>();
  const [pay, setPay] = useState<PayState>({ kind: 'idle' });
  const deadline = r?.status === 'HOLD' ? r.holdExpiresAt : r?.status === 'PAYING' ? r.paymentExpiresAt : undefined;
  const left = useSecondsLeft(deadline ? Date.parse(deadline) : undefined);

  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const next = await fetchReservation(reservationId);
        if (!live) return;
        setR(next);
        if (!concert) setConcert(await concertDetail(next.concertId));
      } catch (e) {
        if (live) setError(e);
      }
    };
    void load();
    const off = realtime.on((m) => m.type === 'RESERVATION' && m.reservationId === reservationId && void load());
    realtime.connect();
    // Pushes are the fast path; a slow poll covers a dropped socket while the outcome is pending.
    const poll = setInterval(() => void load(), 3000);
    return () => {
      live = false;
      off();
      clearInterval(poll);
    };
  }, [reservationId]);

  useEffect(() => {
    if (r && !['HOLD', 'PAYING'].includes(r.status)) setPay({ kind: 'idle' });
  }, [r?.status]);

  if (error) return <ErrorPanel error={error} />;
  if (!r || !concert) return <p class="muted">{t('app.loading')}</p>;

  const onPaid = (result: PayResult) => {
    setR(result.reservation);
    const status = result.paymentIntent.status;
    if (status === 'FAILED' || status === 'CANCELLED') setPay({ kind: 'declined' });
    else setPay({ kind: 'pending', sinceMs: Date.now() });
  };
  const payable = (r.status === 'HOLD' || r.status === 'PAYING') && (left ?? 1) > 0;
  const slow = pay.kind === 'pending' && Date.now() - pay.sinceMs > 8000;

  return (
    <section class="reservation">
      <h1>{r.status === 'CONFIRMED' ? t('ticket.confirmed') : r.status === 'EXPIRED' ? t('checkout.expired') : t('checkout.title')}</h1>
      {deadline && left !== undefined && (
        <div class={`timer ${left <= 30 ? 'urgent' : left <= 120 ? 'warn' : ''}`} role="timer" data-testid="hold-timer">
          {r.status === 'HOLD' ? t('checkout.holdLeft', { time: countdown(left) }) : t('checkout.payLeft', { time: countdown(left) })}
        </div>
      )}
      <Summary r={r} concert={concert} />
      {pay.kind === 'pending' && r.status === 'PAYING' && (
        <p class="notice" role="status" data-testid="pending">
          <span class="spinner" aria-hidden="true" /> {slow ? t('checkout.pendingSlow') : t('checkout.pending')}
        </p>
      )}
      {payable && (pay.kind !== 'pending' || slow) && <PayForm r={r} state={pay} onPaid={onPaid} />}
      {r.status === 'HOLD' && (
        <button
          type="button"
          class="link"
          onClick={async () => {
            try {
              setR(await ok<Reservation>(api().POST('/v1/reservations/{reservationId}/cancel', path(r.reservationId))));
            } catch (e) {
              say(humanError(e), 'error');
            }
          }}
        >
          {t('checkout.cancelHold')}
        </button>
      )}
      {r.status === 'EXPIRED' && (
        <div class="panel" role="alert">
          <p>{t('checkout.expiredHint')}</p>
          <a class="button" href={`#/concerts/${r.concertId}/queue?rejoin=1`}>
            {t('queue.rejoin')}
          </a>
        </div>
      )}
      {r.status === 'CONFIRMED' && <CancelFlow r={r} concert={concert} onChange={setR} />}
      {r.status === 'CANCELLED' && (
        <p class="notice" role="status" data-testid="refund-status">
          {r.paymentIntentId ? t('ticket.refunding') : t('ticket.cancelledNoRefund')}
        </p>
      )}
      {r.status === 'REFUNDED' && (
        <p class="notice ok" role="status" data-testid="refund-status">
          {t('ticket.refunded', { amount: money(r.amount, r.currency) })}
        </p>
      )}
    </section>
  );
}
