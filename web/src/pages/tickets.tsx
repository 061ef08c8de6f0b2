import { concertDetail } from '../api/catalog';
import { api, ok } from '../api/client';
import type { ConcertDetail, Page, Reservation } from '../api/types';
import { bookingNumber, money, seatName, shortDate } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { Show, useAsync } from '../ui/async';

interface Ticket {
  r: Reservation;
  concert?: ConcertDetail;
  startsAt?: string;
}

const LIVE = new Set(['HOLD', 'PAYING', 'CONFIRMED']);

/** Upcoming live bookings first (soonest show first), then everything else newest first. */
export function orderTickets(tickets: Ticket[], nowMs: number): { upcoming: Ticket[]; past: Ticket[] } {
  const isUpcoming = (x: Ticket) => LIVE.has(x.r.status) && (!x.startsAt || Date.parse(x.startsAt) >= nowMs);
  const upcoming = tickets.filter(isUpcoming).sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? ''));
  const past = tickets.filter((x) => !isUpcoming(x)).sort((a, b) => b.r.heldAt.localeCompare(a.r.heldAt));
  return { upcoming, past };
}

async function loadTickets(): Promise<Ticket[]> {
  const page = await ok<Page<Reservation>>(api().GET('/v1/reservations', { params: { query: { limit: 50 } } }));
  return Promise.all(
    page.items.map(async (r) => {
      const concert = await concertDetail(r.concertId).catch(() => undefined);
      return { r, concert, startsAt: concert?.shows.find((s) => s.showId === r.showId)?.startsAt };
    }),
  );
}

function TicketList({ items }: { items: Ticket[] }) {
  return (
    <ul class="tickets">
      {items.map(({ r, concert, startsAt }) => (
        <li key={r.reservationId}>
          <a class="card ticket" href={`#/reservations/${r.reservationId}`}>
            <strong class="title">{concert?.title ?? r.concertId}</strong>
            <span>{startsAt ? shortDate(startsAt) : ''} · {concert?.venue.name}</span>
            <span>{r.seats.map((s) => seatName(s)).join(', ')}</span>
            <span class="row">
              <span class={`status ${r.status}`}>{t(`status.${r.status}`)}</span>
              <span>{bookingNumber(r.reservationId)}</span>
              <span class="price">{money(r.amount, r.currency)}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function TicketsPage() {
  useLang();
  const [loaded, retry] = useAsync(loadTickets, []);
  return (
    <section>
      <h1>{t('tickets.title')}</h1>
      <Show loaded={loaded} retry={retry}>
        {(tickets) => {
          if (tickets.length === 0) return <p>{t('tickets.empty')}</p>;
          const { upcoming, past } = orderTickets(tickets, Date.now());
          return (
            <>
              <h2>{t('tickets.upcoming')}</h2>
              <TicketList items={upcoming} />
              {past.length > 0 && (
                <>
                  <h2>{t('tickets.past')}</h2>
                  <TicketList items={past} />
                </>
              )}
            </>
          );
        }}
      </Show>
    </section>
  );
}
