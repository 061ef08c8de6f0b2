import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { useSystemCloud } from '../helpers/local-cloud';

/**
 * The web app (web/, served at `/` by the local cloud, configured by /config.json) driven in headless Debian
 * Chromium against the whole seeded system: sign in, search by a Hangul fragment, join the line, get admitted,
 * hold a seat. Screenshots of each step land in test-results/.
 */
const cloud = useSystemCloud({ seed: true });
const SHOTS = 'test-results';
let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/web-${name}.png`, fullPage: true });

describe('the web app on the local cloud', () => {
  it('signs in, finds a seeded concert by a Hangul fragment, queues, is admitted and holds a seat', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 }, locale: 'ko-KR' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.request().method()} ${r.url()}`));
    try {
      await page.goto(`${cloud().url}/#/sign-in`);
      await page.fill('#dev input[name=nickname]', '웹팬');
      await page.click('#dev button');
      await page.waitForFunction(() => location.hash === '#/');
      await expect.poll(() => page.textContent('#session')).toContain('웹팬');
      await shot(page, '1-signed-in');

      await page.fill('#q', '부산');
      await page.press('#q', 'Enter');
      const card = page.locator('.card', { hasText: 'aespa' });
      await card.waitFor();
      await expect.poll(() => page.locator('.card').count()).toBe(1);
      await shot(page, '2-search');

      await card.click();
      await page.locator('h1', { hasText: 'SYNK' }).waitFor();
      await shot(page, '3-concert');

      await page.click('text=Join the line');
      await page.locator('h1', { hasText: "It's your turn" }).waitFor({ timeout: 15_000 });
      await shot(page, '4-admitted');

      await page.locator('.panel.queue a.button').first().click();
      const seat = page.locator('.seat.AVAILABLE').first();
      await seat.waitFor();
      const seatId = await seat.getAttribute('data-seat');
      await seat.click();
      await expect.poll(() => page.textContent('#picked')).toBe(seatId);
      await shot(page, '5-seat-picked');

      await page.click('#hold');
      const status = page.locator('[data-testid=status]');
      await status.waitFor();
      expect(await status.textContent()).toBe('HOLD');
      expect(await page.textContent('.panel table')).toContain(seatId!);
      await shot(page, '6-reservation');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('signs in with Kakao through the local fake provider (authorize redirect, code exchange)', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 }, locale: 'ko-KR' });
    try {
      await page.goto(`${cloud().url}/#/sign-in`);
      await page.click('#kakao');
      // The fake's authorize endpoint redirects straight back with a code; the app exchanges it for a session.
      await expect.poll(() => page.textContent('#session'), { timeout: 15_000 }).toContain('fan-');
      expect(new URL(page.url()).search).toBe('');
      await shot(page, '7-kakao-signed-in');
    } finally {
      await page.close();
    }
  });
});
