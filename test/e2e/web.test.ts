import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, useSystemCloud } from '../helpers/local-cloud';
import { ApiFan, DESKTOP, expectAccessible, findConcert, useBrowser, PHONE, shot, watchProblems } from './web-support';

/**
 * The fan app (production build of web/) in headless Debian Chromium against the whole seeded local cloud: the journey
 * of issue 13 in Korean on a desktop and in English on a 390×844 phone, with axe-core on every page and a screenshot
 * of every step in test-results/screenshots/.
 */
const browser = useBrowser();
const cloud = useSystemCloud({ seed: true });

const koSeat = (section: string) => (r: number, n: number) => `${section}구역 ${r}열 ${n}번`;
const enSeat = (section: string) => (r: number, n: number) => `Section ${section}, Row ${r}, Seat ${n}`;

/** Every language on every device, each on its own seeded concert so their lines and seats do not meet. */
const JOURNEYS = [
  { lang: 'ko', viewport: DESKTOP, device: 'desktop', search: '부산', concert: 'aespa', section: 'A1', seat: koSeat('A1') },
  { lang: 'en', viewport: PHONE, device: 'phone', search: 'NewJeans', concert: 'NewJeans', section: 'F1', seat: enSeat('F1') },
  { lang: 'ko', viewport: PHONE, device: 'phone', search: '블랙핑크', concert: 'BLACKPINK', section: 'F1', seat: koSeat('F1') },
  { lang: 'en', viewport: DESKTOP, device: 'desktop', search: 'TWICE', concert: 'TWICE', section: 'F1', seat: enSeat('F1') },
] as const;

async function openPage(viewport: { width: number; height: number }, lang: 'ko' | 'en'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser().newContext({ viewport, locale: lang === 'ko' ? 'ko-KR' : 'en-US', timezoneId: 'Asia/Seoul' });
  const page = await context.newPage();
  return { page, problems: watchProblems(page) };
}

interface Line {
  admin: ApiFan;
  fans: ApiFan[];
  /** Stops or restarts admissions (queue config `paused`), keeping the rest of the config. */
  pause(paused: boolean): Promise<void>;
}

/** Sets the concert's line to admit one fan a second and puts `others` fans in it ahead of the browser's fan. */
async function busyLine(concertId: string, others: number, options: { activeTtlSeconds?: number; paused?: boolean; challengeDifficulty?: number } = {}): Promise<Line> {
  const admin = await ApiFan.signIn(cloud().url, `ops-${concertId.slice(-6)}-${Date.now()}`, 'ADMIN');
  const config = { mode: 'direct', admitPerSecond: 1, maxActive: 100, activeTtlSeconds: options.activeTtlSeconds ?? 600, maxWaiting: 10_000, challengeDifficulty: options.challengeDifficulty ?? 0 };
  const pause = (paused: boolean) => admin.call('PUT', `/admin/concerts/${concertId}/queue-config`, { ...config, paused }).then(() => undefined);
  await pause(options.paused ?? false);
  // Every function sees an admin change within 2 s (QueueSettings caches the config): the admission loop may still
  // admit with the previous test's window until then.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const fans: ApiFan[] = [];
  for (let i = 0; i < others; i++) {
    const fan = await ApiFan.signIn(cloud().url, `line-${concertId.slice(-6)}-${i}-${Date.now()}`);
    await fan.call('POST', `/concerts/${concertId}/queue`);
    fans.push(fan);
  }
  return { admin, fans, pause };
}

async function signInOnPage(page: Page, nickname: string): Promise<void> {
  await page.locator('[data-testid=dev-sign-in] input[name=nickname]').fill(nickname);
  await page.locator('[data-testid=dev-sign-in] button[type=submit]').click();
}

describe('the fan web app', () => {
  for (const j of JOURNEYS) {
    it(`takes a fan from search to a refund (${j.lang}, ${j.device} ${j.viewport.width}×${j.viewport.height})`, { timeout: 240_000 }, async () => {
      const { page, problems } = await openPage(j.viewport, j.lang);
      const step = (n: number, name: string) => shot(page, `${j.lang}-${j.device}-${String(n).padStart(2, '0')}-${name}`);
      const concert = await findConcert(cloud().url, j.search);
      // Twenty fans join ahead through the API; the line admits one a second, so the fan waits ~15 s.
      const line = await busyLine(concert.concertId, 20);

      await page.goto(`${cloud().url}/`);
      await page.locator('[data-testid=concerts]').waitFor();
      if (j.lang === 'en') {
        await page.getByTestId('lang').click();
        await page.locator('h1', { hasText: 'On sale now' }).waitFor();
      }
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(j.lang);
      await expectAccessible(page, 'home');
      await step(1, 'home');

      await page.locator('#q').fill(j.search);
      await page.locator('#q').press('Enter');
      await expect.poll(() => page.locator('[data-testid=concerts] li').count()).toBe(1);
      await step(2, 'search');
      await page.locator('.card', { hasText: j.concert }).click();
      await page.getByTestId('join').waitFor();
      await expectAccessible(page, 'concert');
      await step(3, 'concert');

      // Signing in from the concert page comes back to the concert page.
      await page.getByTestId('join').click();
      await page.getByTestId('dev-sign-in').waitFor();
      await expectAccessible(page, 'sign-in');
      await step(4, 'sign-in');
      await signInOnPage(page, `${j.lang}-fan-${Date.now()}`);
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/concerts/${concert.concertId}`);

      await page.getByTestId('join').click();
      await page.getByTestId('waiting').waitFor({ timeout: 20_000 });
      const placeNow = async (p: Page) => Number((await p.getByTestId('position').textContent())?.replace(/\D/g, ''));
      const place = await placeNow(page);
      expect(place).toBeGreaterThan(1);
      await expectAccessible(page, 'waiting room');
      await step(5, 'waiting-room');
      const keep = await page.locator('.keep').textContent();
      expect(keep).toMatch(j.lang === 'ko' ? /새로고침/ : /refresh/);

      // A reload and a second tab of the same fan show the same live place: never further back than before, and the
      // two tabs agree (within the one fan a second the line admits between the two readings).
      await page.reload();
      await page.getByTestId('waiting').waitFor({ timeout: 20_000 });
      const reloaded = await placeNow(page);
      expect(reloaded).toBeLessThanOrEqual(place);
      expect(reloaded).toBeGreaterThanOrEqual(1);
      const tab = await page.context().newPage();
      await tab.goto(page.url());
      await tab.getByTestId('waiting').waitFor({ timeout: 20_000 });
      await expect.poll(async () => Math.abs((await placeNow(tab)) - (await placeNow(page))), { timeout: 10_000 }).toBeLessThanOrEqual(1);
      expect(await placeNow(tab)).toBeLessThanOrEqual(reloaded);
      await shot(tab, `${j.lang}-${j.device}-05-waiting-room-second-tab`);
      await tab.close();

      // The line moves.
      const seen = new Set<string>([String(place)]);
      for (let i = 0; i < 80 && !(await page.getByTestId('admitted').isVisible()); i++) {
        const pos = await page.getByTestId('position').textContent({ timeout: 500 }).catch(() => null);
        if (pos && !seen.has(pos)) {
          seen.add(pos);
          if (seen.size === 2) await step(5, 'waiting-room-moving');
        }
        await page.waitForTimeout(250);
      }
      expect(seen.size, `positions seen: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(2);
      await page.getByTestId('admitted').waitFor({ timeout: 30_000 });
      await page.getByTestId('shopping-timer').waitFor();
      await expectAccessible(page, 'admitted');
      await step(6, 'admitted');

      // Seat map: overview, then a zoomed section with row and seat labels.
      await page.locator('[data-testid=admitted] a.button').first().click();
      await page.getByTestId('venue').waitFor();
      await page.getByTestId('shopping-timer').waitFor();
      await expectAccessible(page, 'seat map overview');
      await step(7, 'seat-overview');
      await page.locator(`[data-section=${j.section}]`).click();
      await page.getByTestId('seat-grid').waitFor();
      const seat = (r: number, n: number) => page.locator(`[data-seat="${j.section}-${r}-${n}"]`);
      const box = await seat(3, 10).boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(32);
      await seat(3, 10).click();
      await seat(3, 11).click();
      await expect.poll(() => page.getByTestId('picked').textContent()).toContain(j.seat(3, 11));
      await expectAccessible(page, 'zoomed section');
      await step(8, 'section-picked');

      // Another fan (admitted before us) holds one of our picks: it turns unavailable with a message.
      const rival = line.fans[0]!;
      const rivalStatus = await rival.call<{ admissionToken: string }>('GET', `/concerts/${concert.concertId}/queue/me`);
      await rival.call('POST', '/reservations', { showId: concert.shows[0]!.showId, seatIds: [`${j.section}-3-11`] }, { 'x-admission-token': rivalStatus.admissionToken, 'idempotency-key': crypto.randomUUID() });
      await page.getByTestId('notice').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('notice').textContent()).toContain(j.seat(3, 11));
      await expect.poll(() => seat(3, 11).getAttribute('class')).toContain('held');
      expect(await page.getByTestId('picked').textContent()).not.toContain(j.seat(3, 11));
      await step(9, 'seat-taken');
      await seat(3, 12).click();

      // Hold → a declined card → pay again → CONFIRMED.
      await page.getByTestId('hold').click();
      await page.getByTestId('pay-form').waitFor();
      await page.getByTestId('hold-timer').waitFor();
      await expectAccessible(page, 'checkout');
      await step(10, 'checkout');
      await page.locator('[data-card="4000000000000002"]').click();
      await page.getByTestId('pay').click();
      await page.getByTestId('declined').waitFor({ timeout: 15_000 });
      await expectAccessible(page, 'declined');
      await step(11, 'declined');
      await page.locator('[data-card="4242424242424242"]').click();
      await page.getByTestId('pay').click();
      await page.locator('[data-status=CONFIRMED]').waitFor({ timeout: 30_000 });
      const booking = (await page.getByTestId('booking-number').textContent())!;
      expect(booking).toMatch(/^TR-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      const summary = await page.getByTestId('summary').textContent();
      expect(summary).toContain(concert.title);
      expect(summary).toContain(j.seat(3, 12));
      await expectAccessible(page, 'confirmed');
      await step(12, 'confirmed');

      // My tickets lists it as upcoming; the ticket page cancels with a confirmation step and refunds.
      await page.goto(`${cloud().url}/#/tickets`);
      await page.locator('.ticket', { hasText: booking }).waitFor();
      await expectAccessible(page, 'my tickets');
      await step(13, 'my-tickets');
      await page.locator('.ticket', { hasText: booking }).click();
      await page.getByTestId('cancel').click();
      await page.getByTestId('cancel-confirm').waitFor();
      expect(await page.getByTestId('refund-amount').textContent()).toMatch(j.lang === 'ko' ? /₩330,000|₩440,000/ : /₩330,000|₩440,000/);
      await expectAccessible(page, 'cancel confirmation');
      await step(14, 'cancel-confirm');
      await page.getByTestId('confirm-cancel').click();
      await page.locator('[data-status=REFUNDED]').waitFor({ timeout: 30_000 });
      await expectAccessible(page, 'refunded');
      await step(15, 'refunded');
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  it('warns before the shopping window lapses and offers the next step when it has', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(DESKTOP, 'ko');
    const concert = await findConcert(cloud().url, 'TWICE');
    // A 25 s window: under 30 s from the start (so the 30 s warning is due at once), with room for a slow seat map load.
    await busyLine(concert.concertId, 0, { activeTtlSeconds: 25 });
    await page.goto(`${cloud().url}/#/sign-in?return=${encodeURIComponent(`#/concerts/${concert.concertId}/queue`)}`);
    await signInOnPage(page, `lapse-${Date.now()}`);
    await page.getByTestId('admitted').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=admitted] a.button').first().click();
    await page.getByTestId('venue').waitFor();
    await expect.poll(() => page.getByTestId('toast').textContent(), { timeout: 15_000 }).toContain('30초');
    await shot(page, 'ko-desktop-lapse-1-warning');
    await page.getByTestId('window-lapsed').waitFor({ timeout: 35_000 });
    expect(await page.getByTestId('window-lapsed').textContent()).toContain('대기열');
    expect(await page.getByTestId('hold').isDisabled()).toBe(true);
    await expectAccessible(page, 'lapsed window');
    await shot(page, 'ko-desktop-lapse-2-next-step');
    await page.getByTestId('rejoin').first().click();
    await page.locator('[data-testid=waiting], [data-testid=admitted]').first().waitFor({ timeout: 20_000 });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('picks and holds seats with the keyboard only, and a second tab of the same fan holds too', { timeout: 150_000 }, async () => {
    const { page, problems } = await openPage(DESKTOP, 'ko');
    const concert = await findConcert(cloud().url, 'Stray Kids');
    await busyLine(concert.concertId, 0);
    const show = concert.shows[0]!.showId;
    await page.goto(`${cloud().url}/#/sign-in?return=${encodeURIComponent(`#/concerts/${concert.concertId}/queue`)}`);
    await signInOnPage(page, `keys-${Date.now()}`);
    await page.getByTestId('admitted').waitFor({ timeout: 30_000 });
    await page.goto(`${cloud().url}/#/concerts/${concert.concertId}/shows/${show}`);
    await page.getByTestId('venue').waitFor();

    // Keyboard only: focus the section, Enter, Tab into the grid (one stop), arrows, Space, skip link, Enter.
    await page.locator('[data-section=F1]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('seat-grid').waitFor();
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.getAttribute('role') === 'gridcell')); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-seat'))).toBe('F1-1-1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-seat'))).toBe('F1-2-3');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('F1구역 2열 3번, VIP, ₩220,000, 선택 가능');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('picked').textContent()).toContain('F1구역 2열 4번');
    expect(await page.locator('[role=gridcell][tabindex="0"]').count()).toBe(1);
    await shot(page, 'ko-desktop-keyboard-1-picked');
    await page.locator('.skip-inline').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hold');

    // A second tab of the same fan shares the session and the admission, and holds other seats.
    const second = await page.context().newPage();
    await second.goto(`${cloud().url}/#/concerts/${concert.concertId}/shows/${show}`);
    await second.getByTestId('shopping-timer').waitFor({ timeout: 15_000 });
    await second.locator('[data-section=F2]').click();
    await second.locator('[data-seat="F2-1-5"]').click();
    await second.getByTestId('hold').click();
    await second.getByTestId('pay-form').waitFor({ timeout: 15_000 });
    await shot(second, 'ko-desktop-second-tab-held');

    // Back in the first tab, the second tab's hold shows as the fan's own; then the keyboard hold goes through.
    await page.locator('[data-testid=back-to-overview]').click();
    await page.locator('[data-section=F2]').click();
    await expect.poll(() => page.locator('[data-seat="F2-1-5"]').getAttribute('class'), { timeout: 15_000 }).toContain('mine');
    await shot(page, 'ko-desktop-second-tab-mine');
    // The hold's first answer is a 503 (a dependency down): the page sends it again after Retry-After with the same
    // Idempotency-Key, so a hold that did happen behind the 503 could not be made twice.
    const holdKeys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/reservations') holdKeys.push(r.headers()['idempotency-key'] ?? '');
    });
    let refused = false;
    await page.route(/\/v1\/reservations$/, async (route) => {
      if (refused || route.request().method() !== 'POST') return route.continue();
      refused = true;
      await route.fulfill({ status: 503, headers: { 'retry-after': '1' }, contentType: 'application/json', body: JSON.stringify({ error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'redis is slow' }, requestId: 'e2e' }) });
    });
    await page.getByTestId('hold').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('pay-form').waitFor({ timeout: 15_000 });
    expect(holdKeys).toHaveLength(2);
    expect(holdKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(holdKeys[1]).toBe(holdKeys[0]);
    expect(await page.getByTestId('summary').textContent()).toContain('F1구역 2열 3번');
    expect(problems.filter((p) => !/^503 POST .*\/v1\/reservations$/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('solves the join challenge in a Web Worker with a progress indicator, and joins', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(PHONE, 'ko');
    const concert = await findConcert(cloud().url, 'aespa');
    // 20 bits: ~1,000,000 hashes, a few seconds in a worker; a script pays the same for every place it takes.
    const line = await busyLine(concert.concertId, 0, { challengeDifficulty: 20, paused: true });
    const joins: Array<string | undefined> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === `/v1/concerts/${concert.concertId}/queue`) joins.push(r.headers()['x-queue-challenge']);
    });
    await page.goto(`${cloud().url}/#/sign-in?return=${encodeURIComponent(`#/concerts/${concert.concertId}/queue`)}`);
    await signInOnPage(page, `pow-${Date.now()}`);
    await page.getByTestId('challenge').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=challenge] [role=progressbar]').count()).toBe(1);
    // The worker reports every 2,000 hashes; the page shows how many it has tried.
    await expect.poll(() => page.getByTestId('challenge').textContent(), { timeout: 10_000 }).toMatch(/[1-9][\d,]*/);
    await shot(page, 'ko-phone-challenge-1-solving');
    await expectAccessible(page, 'join challenge');
    await page.getByTestId('waiting').waitFor({ timeout: 90_000 });
    await shot(page, 'ko-phone-challenge-2-in-line');
    // The first join went without an answer and was refused with a challenge; the second carried the worker's nonce.
    expect(joins).toHaveLength(2);
    expect(joins[0]).toBeUndefined();
    expect(joins[1]).toMatch(/^[A-Za-z0-9]+:\d+$/);
    // The server's own one-hash check let the fan in: the admin sees one more fan waiting.
    expect((await line.admin.call<{ waiting: number }>('GET', `/concerts/${concert.concertId}/queue/stats`)).waiting).toBeGreaterThanOrEqual(1);
    await line.pause(false);
    expect(problems.filter((p) => !new RegExp(`^403 POST .*/concerts/${concert.concertId}/queue$`).test(p))).toEqual([]);
    await page.context().close();
  });

  it('signs in with Kakao through the local fake provider and returns to the concert, shared with a second tab', { timeout: 90_000 }, async () => {
    const { page, problems } = await openPage(DESKTOP, 'ko');
    const concert = await findConcert(cloud().url, 'BLACKPINK');
    await page.goto(`${cloud().url}/#/concerts/${concert.concertId}`);
    await page.getByTestId('join').click();
    await page.getByTestId('kakao').waitFor();
    await shot(page, 'ko-desktop-kakao-1-sign-in');
    await page.getByTestId('kakao').click();
    await expect.poll(() => page.getByTestId('session').textContent(), { timeout: 20_000 }).toContain('fan-');
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe(`#/concerts/${concert.concertId}`);
    // No token in web storage; the refresh token is an HttpOnly cookie the page cannot read.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)).not.toMatch(/eyJ|rt_/);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'tr_refresh')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/v1/auth' });
    const second = await page.context().newPage();
    await second.goto(`${cloud().url}/#/tickets`);
    await expect.poll(() => second.getByTestId('session').textContent(), { timeout: 10_000 }).toContain('fan-');
    await shot(page, 'ko-desktop-kakao-2-back-on-concert');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the ops console to an ADMIN: live sale charts, sales policy and queue config editors', { timeout: 90_000 }, async () => {
    const { page, problems } = await openPage(DESKTOP, 'en');
    const concert = await findConcert(cloud().url, 'BTS');
    // A fan holds a seat so the sale has activity to show.
    const {
      fans: [fan],
    } = await busyLine(concert.concertId, 1);
    const admitted = await eventually(() => fan!.call<{ status: string; admissionToken?: string }>('GET', `/concerts/${concert.concertId}/queue/me`), (s) => s.status === 'ACTIVE', 20_000, 250);
    await fan!.call('POST', '/reservations', { showId: concert.shows[0]!.showId, seatIds: ['U1-25-40'] }, { 'x-admission-token': admitted.admissionToken!, 'idempotency-key': crypto.randomUUID() });
    await page.goto(`${cloud().url}/#/sign-in?return=${encodeURIComponent('#/admin')}`);
    await page.getByTestId('lang').click();
    await page.locator('[data-testid=dev-sign-in] select[name=role]').selectOption('ADMIN');
    await signInOnPage(page, `ops-${Date.now()}`);
    const stats = page.waitForResponse((r) => r.url().includes(`/admin/concerts/${concert.concertId}/sale-stats`) && r.ok());
    await page.getByTestId('admin-concert').selectOption(concert.concertId);
    const activity = (await (await stats).json()) as { minutes: Array<{ holds: number }> };
    expect(activity.minutes.reduce((a, m) => a + m.holds, 0)).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('payment-outcomes').textContent(), { timeout: 15_000 }).toContain('confirmed');
    await page.getByTestId('dashboard').waitFor();
    await expect.poll(() => page.getByTestId('remaining-by-grade').textContent(), { timeout: 15_000 }).toContain('VIP');
    // An operator's block refuses a fan at the line; the console charts it with its rule.
    const blocked = await ApiFan.signIn(cloud().url, `blocked-${Date.now()}`);
    const operator = await ApiFan.signIn(cloud().url, `ops-block-${Date.now()}`, 'ADMIN');
    await operator.call('POST', `/admin/concerts/${concert.concertId}/blocks`, { userId: blocked.userId, reason: 'e2e: scripted account' });
    await expect(blocked.call('POST', `/concerts/${concert.concertId}/queue`)).rejects.toThrow(/429.*ABUSE_BLOCKED/);
    await expect.poll(() => page.getByTestId('abuse-by-rule').textContent(), { timeout: 15_000 }).toContain('BLOCKED: 1');
    await page.getByTestId('dashboard').scrollIntoViewIfNeeded();
    await shot(page, 'en-desktop-ops-dashboard');
    await page.getByTestId('queue-form').waitFor();
    await page.locator('[data-testid=queue-form] input[name=admitPerSecond]').fill('7');
    await page.locator('[data-testid=queue-form] button[type=submit]').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe('Saved');
    const admin = await ApiFan.signIn(cloud().url, `ops-check-${Date.now()}`, 'ADMIN');
    expect((await admin.call<{ admitPerSecond: number }>('GET', `/admin/concerts/${concert.concertId}/queue-config`)).admitPerSecond).toBe(7);
    await page.getByTestId('policy-form').waitFor();
    await expectAccessible(page, 'ops console');
    await shot(page, 'en-desktop-ops-console');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
