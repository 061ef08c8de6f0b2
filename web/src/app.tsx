import { lazy, Suspense } from 'preact/compat';
import { useEffect } from 'preact/hooks';
import { cookieMode, forget, session } from './api/session';
import { api } from './api/client';
import { lang, t, useLang } from './i18n/i18n';
import { Home } from './pages/home';
import { ConcertPage } from './pages/concert';
import { SignIn } from './pages/sign-in';
import { QueueRoom } from './queue/queue-room';
import { useStore } from './ui/store';
import { go, signInHref, useRoute } from './ui/router';
import { Toast } from './ui/toast';

// The seat map, checkout and console load on demand: the home page's critical path carries only what it shows.
const SeatMapPage = lazy(() => import('./seatmap/seat-map-page').then((m) => m.SeatMapPage));
const ReservationPage = lazy(() => import('./pages/reservation').then((m) => m.ReservationPage));
const TicketsPage = lazy(() => import('./pages/tickets').then((m) => m.TicketsPage));
const AdminPage = lazy(() => import('./admin/admin-page').then((m) => m.AdminPage));

function Header() {
  const s = useStore(session);
  const current = useLang();
  const signOut = async () => {
    await api().POST('/v1/auth/logout', { headers: cookieMode, body: {} }).catch(() => undefined);
    forget();
    go('#/');
  };
  return (
    <header class="bar">
      <a class="brand" href="#/">
        TicketRush
      </a>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const q = new FormData(e.currentTarget).get('q');
          go(`#/?q=${encodeURIComponent(String(q ?? ''))}`);
        }}
      >
        <label class="sr-only" for="q">
          {t('search.label')}
        </label>
        <input id="q" name="q" type="search" placeholder={t('search.placeholder')} autocomplete="off" />
        <button class="secondary" type="submit">
          {t('search.button')}
        </button>
      </form>
      <nav class="session" aria-label="account" data-testid="session">
        <button class="link" type="button" lang={current === 'ko' ? 'en' : 'ko'} data-testid="lang" onClick={() => lang.set(current === 'ko' ? 'en' : 'ko')}>
          {t('app.language')}
        </button>
        {s ? (
          <>
            {s.user.role === 'ADMIN' && <a href="#/admin">{t('nav.admin')}</a>}
            <a href="#/tickets">{t('nav.tickets')}</a>
            <span class="who">{s.user.nickname}</span>
            <button class="link" type="button" onClick={signOut}>
              {t('nav.signOut')}
            </button>
          </>
        ) : (
          <a class="button small" href={signInHref()}>
            {t('nav.signIn')}
          </a>
        )}
      </nav>
    </header>
  );
}

function Page() {
  const { path, query } = useRoute();
  const parts = path.split('/').filter(Boolean);
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);
  if (parts.length === 0) return <Home q={query.get('q') ?? ''} />;
  if (parts[0] === 'sign-in') return <SignIn returnTo={query.get('return') ?? '#/'} />;
  if (parts[0] === 'tickets') return <TicketsPage />;
  if (parts[0] === 'admin') return <AdminPage />;
  if (parts[0] === 'reservations' && parts[1]) return <ReservationPage reservationId={parts[1]} />;
  if (parts[0] === 'concerts' && parts[1]) {
    if (parts[2] === 'queue') return <QueueRoom concertId={parts[1]} />;
    if (parts[2] === 'shows' && parts[3]) return <SeatMapPage concertId={parts[1]} showId={parts[3]} viewOnly={query.get('view') === '1'} />;
    return <ConcertPage concertId={parts[1]} />;
  }
  return <p>{t('error.NOT_FOUND')}</p>;
}

export function App() {
  useLang();
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p class="muted">{t('app.loading')}</p>}>
          <Page />
        </Suspense>
      </main>
      <Toast />
    </>
  );
}
