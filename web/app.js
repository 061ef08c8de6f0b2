import { ApiError, createApi, createRealtime, loadConfig } from './api.js';

// A small hash-routed app: browse → join the line → pick seats → hold → pay → confirmed, with live pushes.

const view = document.getElementById('view');
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const money = (amount, currency = 'KRW') => new Intl.NumberFormat('ko-KR', { style: 'currency', currency }).format(amount);
const when = (iso) => new Date(iso).toLocaleString('ko-KR', { dateStyle: 'medium', timeStyle: 'short' });
const TEST_CARDS = [
  ['4242424242424242', 'Approves'],
  ['4000000000000002', 'Declines'],
  ['4000000000009995', 'Times out'],
  ['4000000000000259', 'Approves, late webhook'],
];

let api;
let realtime;
let cleanup = () => {};

function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.hidden = true), 4000);
}

const explain = (e) => (e instanceof ApiError ? `${e.code}: ${e.message}` : String(e.message ?? e));

function renderSession() {
  const nav = document.getElementById('session');
  const s = api.session;
  nav.innerHTML = s
    ? `<a href="#/me">${esc(s.user.nickname)}</a><span class="tag">${esc(s.user.tier)}</span><button class="secondary" id="signout">Sign out</button>`
    : `<a class="button" href="#/sign-in">Sign in</a>`;
  nav.querySelector('#signout')?.addEventListener('click', async () => {
    await api.signOut();
    location.hash = '#/';
  });
}

const routes = [
  [/^#?\/?$/, home],
  [/^#\/sign-in$/, signIn],
  [/^#\/me$/, myReservations],
  [/^#\/concerts\/([^/]+)$/, concertDetail],
  [/^#\/concerts\/([^/]+)\/queue$/, queueRoom],
  [/^#\/concerts\/([^/]+)\/shows\/([^/]+)$/, seatPicker],
  [/^#\/reservations\/([^/]+)$/, reservationView],
];

async function route() {
  cleanup();
  cleanup = () => {};
  const hash = location.hash || '#/';
  const [path, query] = hash.split('?');
  for (const [pattern, render] of routes) {
    const m = path.match(pattern);
    if (m) {
      try {
        await render(...m.slice(1), new URLSearchParams(query ?? ''));
      } catch (e) {
        view.innerHTML = `<div class="panel"><h2>Something went wrong</h2><p class="muted">${esc(explain(e))}</p></div>`;
      }
      return;
    }
  }
  view.innerHTML = '<h1>Not found</h1>';
}

async function home(params) {
  const q = params.get('q') ?? '';
  document.getElementById('q').value = q;
  const search = new URLSearchParams({ limit: '24', sort: params.get('sort') ?? 'startsAt' });
  if (q) search.set('q', q);
  const { items } = await api.get(`/concerts?${search}`);
  view.innerHTML = `
    <h1>${q ? `Results for “${esc(q)}”` : 'Concerts'}</h1>
    <p class="muted">${items.length} concert${items.length === 1 ? '' : 's'}</p>
    <div class="grid">${items
      .map(
        (c) => `<a class="card" href="#/concerts/${esc(c.concertId)}">
          <strong>${esc(c.title)}</strong>
          <div class="muted">${esc(c.artist?.name ?? '')} · ${esc(c.venue?.name ?? '')}</div>
          <div>${c.shows?.[0] ? esc(when(c.shows[0].startsAt)) : ''}</div>
          <div>${c.onSale ? '<span class="tag on">On sale</span>' : ''}<span class="tag">${esc(c.genre ?? '')}</span></div>
        </a>`,
      )
      .join('')}</div>`;
}

async function signIn() {
  view.innerHTML = `
    <h1>Sign in</h1>
    <div class="panel">
      <div class="row"><button id="kakao">Kakao로 로그인</button><button id="naver" class="secondary">Naver로 로그인</button></div>
    </div>
    ${api.config.stage === 'local' ? `
    <form class="panel" id="dev">
      <h2>Developer sign-in (local stage)</h2>
      <div class="row">
        <input name="nickname" placeholder="Nickname" required maxlength="40">
        <select name="tier">${['BASIC', 'SILVER', 'GOLD', 'VIP'].map((t) => `<option>${t}</option>`).join('')}</select>
        <select name="role"><option>USER</option><option>ADMIN</option></select>
        <button>Sign in</button>
      </div>
    </form>` : ''}`;
  for (const provider of ['kakao', 'naver']) {
    view.querySelector(`#${provider}`).addEventListener('click', async () => {
      const state = crypto.randomUUID();
      sessionStorage.setItem('oauth.state', state);
      const redirectUri = `${location.origin}/?oauth=${provider}`;
      const { url } = await api.get(`/auth/social/${provider}/authorize-url?redirectUri=${encodeURIComponent(redirectUri)}&state=${state}`);
      location.href = url;
    });
  }
  view.querySelector('#dev')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.target));
    try {
      api.signIn(await api.post('/auth/dev/sign-in', form));
      location.hash = '#/';
    } catch (err) {
      toast(explain(err));
    }
  });
}

async function completeOAuth() {
  const params = new URLSearchParams(location.search);
  const provider = params.get('oauth');
  if (!provider || !params.get('code')) return;
  history.replaceState(null, '', '/');
  if (params.get('state') !== sessionStorage.getItem('oauth.state')) return toast('Sign-in state mismatch — try again');
  const pair = await api.post(`/auth/social/${provider}/exchange`, {
    code: params.get('code'),
    state: params.get('state'),
    redirectUri: `${location.origin}/?oauth=${provider}`,
  });
  api.signIn(pair);
}

async function concertDetail(concertId) {
  const c = await api.get(`/concerts/${concertId}`);
  const policy = c.salesPolicy ?? {};
  view.innerHTML = `
    <h1>${esc(c.title)}</h1>
    <p class="muted">${esc(c.artist?.name)} · ${esc(c.agency?.name)} · ${esc(c.venue?.name)}, ${esc(c.venue?.city)}</p>
    <p>${esc(c.description ?? '')}</p>
    <h2>Prices</h2>
    <div class="row">${(c.priceTiers ?? []).map((t) => `<span class="tag">${esc(t.grade)} ${esc(money(t.price, t.currency))}</span>`).join('')}</div>
    <h2>Sale</h2>
    <p class="muted">${policy.presaleStartAt ? `Presale ${esc(when(policy.presaleStartAt))} (${esc(policy.presaleMinimumTier ?? 'code')}) · ` : ''}General sale ${esc(policy.generalSaleStartAt ? when(policy.generalSaleStartAt) : 'open')} · up to ${esc(policy.maxTicketsPerUser ?? 4)} tickets</p>
    <h2>Shows</h2>
    <table>${(c.shows ?? []).map((s) => `<tr><td>${esc(when(s.startsAt))}</td><td><a href="#/concerts/${esc(concertId)}/shows/${esc(s.showId)}">Seat map</a></td></tr>`).join('')}</table>
    <div class="panel queue">
      <p>Seats are sold first come, first served through a fair waiting line.</p>
      <a class="button" href="#/concerts/${esc(concertId)}/queue">Join the line</a>
    </div>`;
}

const admissionKey = (concertId) => `admission.${concertId}`;

async function queueRoom(concertId) {
  if (!api.session) return (location.hash = '#/sign-in');
  const concert = await api.get(`/concerts/${concertId}`);
  let admitted = false;
  const paint = (s) => {
    // The ACTIVE push can overtake the join's own reply (or a rank update); neither may hide the admission.
    if (admitted && s.status !== 'ACTIVE' && s.status !== 'EXPIRED') return;
    admitted = s.status === 'ACTIVE' && Boolean(s.admissionToken);
    if (admitted) {
      sessionStorage.setItem(admissionKey(concertId), JSON.stringify({ token: s.admissionToken, until: s.activeExpiresAt }));
      view.innerHTML = `<div class="panel queue"><h1>It's your turn 🎉</h1>
        <p class="muted">Pick your seats before ${esc(when(s.activeExpiresAt))}.</p>
        <div class="row" style="justify-content:center">${concert.shows.map((sh) => `<a class="button" href="#/concerts/${esc(concertId)}/shows/${esc(sh.showId)}">${esc(when(sh.startsAt))}</a>`).join('')}</div></div>`;
      return;
    }
    if (s.status === 'EXPIRED') {
      view.innerHTML = `<div class="panel queue"><h1>Your turn has lapsed</h1><button id="rejoin">Join again</button></div>`;
      view.querySelector('#rejoin').onclick = () => join();
      return;
    }
    view.innerHTML = `<div class="panel queue">
      <p class="muted">${esc(concert.title)} — ${s.status === 'PREQUEUE' ? 'the line opens soon; your place is drawn fairly at opening' : 'you are in line'}</p>
      <div class="pos" data-testid="position">${esc(s.position ?? '–')}</div>
      <p>${esc(s.ahead ?? 0)} ahead · about ${esc(Math.ceil((s.etaSeconds ?? 0) / 60))} min</p>
      <button class="secondary" id="leave">Leave the line</button></div>`;
    view.querySelector('#leave').onclick = async () => {
      await api.del(`/concerts/${concertId}/queue/me`);
      location.hash = `#/concerts/${concertId}`;
    };
  };
  async function join() {
    const s = await api.post(`/concerts/${concertId}/queue`, {});
    paint(s.status === 'PENDING' ? { status: 'WAITING', position: '…', ahead: '…', etaSeconds: 0 } : s);
  }
  const off = realtime.on((m) => {
    if (m.concertId !== concertId) return;
    if (m.type === 'RANK_UPDATE') paint({ status: 'WAITING', ...m });
    if (m.type === 'ACTIVE') paint({ status: 'ACTIVE', ...m });
    if (m.type === 'EXPIRED') paint({ status: 'EXPIRED' });
  });
  realtime.watch(`queue:${concertId}`, { action: 'subscribe', concertId });
  cleanup = () => {
    off();
    realtime.unwatch(`queue:${concertId}`, { action: 'unsubscribe', concertId });
  };
  await join();
}

async function seatPicker(concertId, showId) {
  const [concert, map] = await Promise.all([api.get(`/concerts/${concertId}`), api.get(`/concerts/${concertId}/shows/${showId}/seats`)]);
  const max = concert.salesPolicy?.maxTicketsPerUser ?? 4;
  const picked = new Set();
  const bySection = Map.groupBy ? Map.groupBy(map.seats, (s) => s.section) : map.seats.reduce((m, s) => m.set(s.section, [...(m.get(s.section) ?? []), s]), new Map());
  view.innerHTML = `
    <h1>${esc(concert.title)}</h1>
    <p class="muted">${esc(when(concert.shows.find((s) => s.showId === showId)?.startsAt))} · pick up to ${esc(max)} seats</p>
    <div class="legend"><span><i style="background:var(--ok)"></i>Available ${esc(map.counts?.AVAILABLE ?? '')}</span><span><i style="background:var(--held)"></i>Held</span><span><i style="background:var(--sold)"></i>Sold</span><span><i style="background:var(--accent)"></i>Yours</span></div>
    <div class="panel seatmap">${[...bySection]
      .map(([section, seats]) => {
        const rows = seats.reduce((m, s) => m.set(s.row, [...(m.get(s.row) ?? []), s]), new Map());
        return `<div class="section"><h3>${esc(section)} · ${esc(seats[0].grade)} · ${esc(money(seats[0].price))}</h3>${[...rows.values()]
          .map((r) => `<div class="seatrow">${r.map((s) => `<button class="seat ${esc(s.status)}" data-seat="${esc(s.seatId)}" title="${esc(s.seatId)}" ${s.status === 'AVAILABLE' ? '' : 'disabled'}></button>`).join('')}</div>`)
          .join('')}</div>`;
      })
      .join('')}</div>
    <div class="row"><span id="picked" class="muted">No seats picked</span><button id="hold" disabled>Hold seats</button></div>`;
  const update = () => {
    view.querySelector('#picked').textContent = picked.size ? [...picked].join(', ') : 'No seats picked';
    view.querySelector('#hold').disabled = picked.size === 0;
  };
  view.querySelector('.seatmap').addEventListener('click', (e) => {
    const id = e.target.dataset?.seat;
    if (!id || e.target.disabled) return;
    if (picked.has(id)) picked.delete(id);
    else if (picked.size < max) picked.add(id);
    else return toast(`At most ${max} seats`);
    e.target.classList.toggle('picked', picked.has(id));
    update();
  });
  view.querySelector('#hold').addEventListener('click', async () => {
    const admission = JSON.parse(sessionStorage.getItem(admissionKey(concertId)) ?? 'null');
    try {
      const r = await api.post('/reservations', { showId, seatIds: [...picked] }, { headers: { 'x-admission-token': admission?.token ?? '', 'idempotency-key': crypto.randomUUID() } });
      location.hash = `#/reservations/${r.reservationId}`;
    } catch (err) {
      toast(explain(err));
      if (err.code === 'NOT_ADMITTED') location.hash = `#/concerts/${concertId}/queue`;
    }
  });
  const off = realtime.on((m) => {
    if (m.type !== 'SEATS' || m.showId !== showId) return;
    for (const c of m.changes) {
      const el = view.querySelector(`[data-seat="${CSS.escape(c.seatId)}"]`);
      if (!el) continue;
      el.className = `seat ${c.status}${picked.has(c.seatId) ? ' picked' : ''}`;
      el.disabled = c.status !== 'AVAILABLE' && !picked.has(c.seatId);
    }
  });
  realtime.watch(`seats:${showId}`, { action: 'watchSeats', showId });
  cleanup = () => {
    off();
    realtime.unwatch(`seats:${showId}`);
  };
}

async function reservationView(reservationId) {
  let r = await api.get(`/reservations/${reservationId}`);
  let timer;
  const paint = () => {
    const deadline = r.status === 'HOLD' ? r.holdExpiresAt : r.paymentExpiresAt;
    view.innerHTML = `
      <h1>Reservation</h1>
      <div class="panel">
        <p>Status: <span class="status ${esc(r.status)}" data-testid="status">${esc(r.status)}</span> ${deadline && ['HOLD', 'PAYING'].includes(r.status) ? `<span class="muted" id="left"></span>` : ''}</p>
        <table>${r.seats.map((s) => `<tr><td>${esc(s.seatId)}</td><td>${esc(s.grade)}</td><td>${esc(money(s.price, r.currency))}</td></tr>`).join('')}
          <tr><th>Total</th><th></th><th>${esc(money(r.amount, r.currency))}</th></tr></table>
      </div>
      ${r.status === 'HOLD' ? `<form class="panel row" id="pay"><select name="card">${TEST_CARDS.map(([n, d]) => `<option value="${n}">${n} — ${d}</option>`).join('')}</select><button>Pay</button></form>` : ''}
      ${['HOLD', 'CONFIRMED'].includes(r.status) ? '<button class="secondary" id="cancel">Cancel reservation</button>' : ''}
      ${r.status === 'CANCELLED' && r.paymentIntentId ? '<button class="secondary" id="refund">Refund</button>' : ''}`;
    clearInterval(timer);
    if (deadline) {
      const left = view.querySelector('#left');
      const tick = () => left && (left.textContent = `· ${Math.max(0, Math.round((new Date(deadline) - Date.now()) / 1000))} s left`);
      tick();
      timer = setInterval(tick, 1000);
    }
    // Each action answers with the reservation as it now stands (pay wraps it with its payment intent).
    const act = (call) => async (e) => {
      e.preventDefault();
      try {
        r = await call(e);
        paint();
      } catch (err) {
        toast(explain(err));
      }
    };
    view.querySelector('#pay')?.addEventListener(
      'submit',
      act(async (e) => {
        const card = { number: new FormData(e.target).get('card') };
        const out = await api.post(`/reservations/${reservationId}/pay`, { paymentMethod: 'CARD', card }, { headers: { 'idempotency-key': crypto.randomUUID() } });
        return out.reservation;
      }),
    );
    view.querySelector('#cancel')?.addEventListener('click', act(() => api.post(`/reservations/${reservationId}/cancel`, {})));
    view.querySelector('#refund')?.addEventListener('click', act(() => api.post(`/reservations/${reservationId}/refund`, {})));
  };
  paint();
  const off = realtime.on(async (m) => {
    if (m.type === 'RESERVATION' && m.reservationId === reservationId) {
      r = await api.get(`/reservations/${reservationId}`);
      paint();
    }
  });
  cleanup = () => {
    off();
    clearInterval(timer);
  };
}

async function myReservations() {
  if (!api.session) return (location.hash = '#/sign-in');
  const { items } = await api.get('/reservations?limit=50');
  view.innerHTML = `<h1>My reservations</h1><table>
    <tr><th>When</th><th>Seats</th><th>Amount</th><th>Status</th></tr>
    ${items.map((r) => `<tr><td><a href="#/reservations/${esc(r.reservationId)}">${esc(when(r.heldAt))}</a></td><td>${esc(r.seats.map((s) => s.seatId).join(', '))}</td><td>${esc(money(r.amount, r.currency))}</td><td class="status ${esc(r.status)}">${esc(r.status)}</td></tr>`).join('')}
  </table>`;
}

async function start() {
  api = createApi(await loadConfig());
  realtime = createRealtime(api);
  api.onSession(renderSession);
  renderSession();
  await completeOAuth().catch((e) => toast(explain(e)));
  document.getElementById('search').addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/?q=${encodeURIComponent(document.getElementById('q').value)}`;
  });
  window.addEventListener('hashchange', route);
  await route();
}

start();
