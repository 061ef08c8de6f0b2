import { describe, expect, it } from 'vitest';
import { applyWebhookEvent, canMove, INTENT_STATUSES, type IntentStatus } from '#domain/payments/payment-intent';
import { cardOutcome, luhnValid } from '#domain/payments/test-cards';
import { signWebhook, verifyWebhook } from '#domain/payments/webhook-signature';

describe('payment intent lifecycle', () => {
  const allowed = new Set(['PENDING>AUTHORIZED', 'PENDING>FAILED', 'PENDING>CANCELLED', 'AUTHORIZED>CAPTURED', 'AUTHORIZED>CANCELLED', 'CAPTURED>REFUNDED']);
  for (const from of INTENT_STATUSES) {
    for (const to of INTENT_STATUSES) {
      const expected = allowed.has(`${from}>${to}`);
      it(`${expected ? 'allows' : 'forbids'} ${from} → ${to}`, () => expect(canMove(from, to)).toBe(expected));
    }
  }

  it('never moves an intent backwards, whatever order events arrive in', () => {
    const events = ['payment_intent.authorized', 'payment_intent.captured', 'payment_intent.refunded'] as const;
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const order of orders) {
      let status: IntentStatus = 'PENDING';
      const seen: IntentStatus[] = [status];
      for (const i of order) {
        const r = applyWebhookEvent(status, events[i]!);
        if (r.action === 'advance') status = r.to;
        seen.push(status);
      }
      const rank = (s: IntentStatus) => ['PENDING', 'AUTHORIZED', 'CAPTURED', 'REFUNDED'].indexOf(s);
      for (let k = 1; k < seen.length; k++) expect(rank(seen[k]!)).toBeGreaterThanOrEqual(rank(seen[k - 1]!));
    }
  });

  it('ignores duplicates and stale events, and lets a capture overtake a late authorization', () => {
    expect(applyWebhookEvent('CAPTURED', 'payment_intent.captured')).toEqual({ action: 'ignore', reason: 'duplicate' });
    expect(applyWebhookEvent('CAPTURED', 'payment_intent.authorized')).toEqual({ action: 'ignore', reason: 'stale' });
    expect(applyWebhookEvent('PENDING', 'payment_intent.captured')).toEqual({ action: 'advance', to: 'CAPTURED' });
    expect(applyWebhookEvent('FAILED', 'payment_intent.captured')).toEqual({ action: 'ignore', reason: 'stale' });
    expect(applyWebhookEvent('CANCELLED', 'payment_intent.refunded')).toEqual({ action: 'ignore', reason: 'stale' });
  });
});

describe('test cards', () => {
  it('decide approve, decline, timeout and late webhook', () => {
    expect(cardOutcome('4242424242424242')).toBe('approve');
    expect(cardOutcome('4000000000000002')).toBe('decline');
    expect(cardOutcome('4000000000009995')).toBe('timeout');
    expect(cardOutcome('4000000000000259')).toBe('approve-late-webhook');
  });

  it('check card numbers with Luhn', () => {
    for (const n of ['4242424242424242', '4000000000000002', '4000000000009995', '4000000000000259']) expect(luhnValid(n)).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42')).toBe(false);
    expect(luhnValid('4242-4242-4242-4242')).toBe(false);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_0123456789abcdef';
  const body = JSON.stringify({ eventId: 'e1', type: 'payment_intent.captured' });
  const at = new Date('2026-12-24T11:00:00Z');

  it('accepts its own signature within the tolerance', () => {
    expect(verifyWebhook(secret, body, signWebhook(secret, body, at), new Date(at.getTime() + 299_000))).toBe('ok');
  });

  it('refuses a signature older than five minutes', () => {
    expect(verifyWebhook(secret, body, signWebhook(secret, body, at), new Date(at.getTime() + 301_000))).toBe('stale');
  });

  it('refuses a changed body, a wrong secret, and a re-stamped timestamp', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook(secret, `${body} `, header, at)).toBe('bad-signature');
    expect(verifyWebhook('whsec_another_secret!', body, header, at)).toBe('bad-signature');
    const restamped = header.replace(/t=\d+/, `t=${Math.floor(at.getTime() / 1000) + 60}`);
    expect(verifyWebhook(secret, body, restamped, at)).toBe('bad-signature');
  });

  it('calls a missing or garbled header malformed', () => {
    expect(verifyWebhook(secret, body, undefined, at)).toBe('malformed');
    expect(verifyWebhook(secret, body, 'v1=abc', at)).toBe('malformed');
    expect(verifyWebhook(secret, body, 't=1,v1=zz', at)).toBe('malformed');
  });
});
