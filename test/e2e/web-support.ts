import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Browser-test plumbing for the web app: Debian Chromium, screenshots, axe-core, and API calls as other fans. */
export const SHOTS = 'test-results/screenshots';

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** One browser for a test file, closed after it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser did not start');
    return browser;
  };
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's strict CSP stays on) and fails on
 * any serious or critical violation of WCAG 2.x A/AA.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // A string evaluated through the protocol is not subject to the page's CSP (an inline <script> would be).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
  expect(violations, `axe on ${where}`).toEqual([]);
}

/** Collects page errors, CSP violations and failed requests (a 409 is a business answer the page shows). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.status() !== 409) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

/** A fan driven through the API (another buyer in the line, the operator). */
export class ApiFan {
  accessToken = '';
  userId = '';
  constructor(
    private readonly base: string,
    readonly nickname: string,
  ) {}

  static async signIn(base: string, nickname: string, role: 'USER' | 'ADMIN' = 'USER'): Promise<ApiFan> {
    const fan = new ApiFan(base, nickname);
    const pair = await fan.call<{ accessToken: string; user: { id?: string; userId?: string } }>('POST', '/auth/dev/sign-in', { nickname, role });
    fan.accessToken = pair.accessToken;
    fan.userId = pair.user.userId ?? pair.user.id ?? '';
    return fan;
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.base}/v1${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface SeededConcert {
  concertId: string;
  title: string;
  shows: Array<{ showId: string }>;
}

export async function findConcert(base: string, q: string): Promise<SeededConcert> {
  const res = await fetch(`${base}/v1/concerts?q=${encodeURIComponent(q)}`);
  const { items } = (await res.json()) as { items: SeededConcert[] };
  if (!items[0]) throw new Error(`no concert for ${q}`);
  return items[0];
}
