import { describe, expect, it } from 'vitest';
import { authorizationResult } from '#domain/payments/authorization';
import { eventTypeOf, retryDelaySeconds, simulationPlan } from '#domain/payments/webhook-event';

describe('authorizing with a test card', () => {
  it('approves to AUTHORIZED when capture is manual and straight to CAPTURED when automatic', () => {
    expect(authorizationResult('approve', 'manual')).toEqual({ kind: 'settled', to: 'AUTHORIZED', events: ['payment_intent.authorized'], lateWebhook: false });
    expect(authorizationResult('approve', 'automatic')).toEqual({
      kind: 'settled',
      to: 'CAPTURED',
      events: ['payment_intent.authorized', 'payment_intent.captured'],
      lateWebhook: false,
    });
  });

  it('fails on a decline, holds back the late card’s webhooks, and leaves a timeout unanswered', () => {
    expect(authorizationResult('decline', 'automatic')).toEqual({ kind: 'settled', to: 'FAILED', events: ['payment_intent.failed'], lateWebhook: false, failureReason: 'card_declined' });
    expect(authorizationResult('approve-late-webhook', 'manual')).toMatchObject({ to: 'AUTHORIZED', lateWebhook: true });
    expect(authorizationResult('timeout', 'automatic')).toEqual({ kind: 'no-answer' });
  });
});

describe('webhook events', () => {
  it('are named after the status they report', () => {
    expect(eventTypeOf('CAPTURED')).toBe('payment_intent.captured');
    expect(eventTypeOf('REFUNDED')).toBe('payment_intent.refunded');
    expect(() => eventTypeOf('PENDING')).toThrow();
  });

  it('back off exponentially with jitter, never below a second nor above the cap', () => {
    const policy = { baseSeconds: 2, capSeconds: 60 };
    expect(retryDelaySeconds(1, policy, 0)).toBe(1);
    expect(retryDelaySeconds(1, policy, 0.999)).toBe(2);
    expect(retryDelaySeconds(3, policy, 0)).toBe(4);
    expect(retryDelaySeconds(3, policy, 0.999)).toBe(8);
    for (let n = 1; n < 30; n++) {
      for (const r of [0, 0.5, 0.999]) {
        const d = retryDelaySeconds(n, policy, r);
        expect(d).toBeGreaterThanOrEqual(1);
        expect(d).toBeLessThanOrEqual(60);
      }
    }
    expect(retryDelaySeconds(20, policy, 0)).toBe(30);
  });

  it('are re-sent by simulate duplicated, and shuffled without losing or inventing any', () => {
    expect(simulationPlan(['a', 'b'], 3, false, Math.random)).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
    let seed = 7;
    const lcg = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const shuffled = simulationPlan(['a', 'b', 'c', 'd'], 2, true, lcg);
    expect([...shuffled].sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
    expect(shuffled).not.toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
  });
});
