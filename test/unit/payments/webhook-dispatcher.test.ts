import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '#domain/payments/webhook-signature';
import { ManualClock } from '#platform/clock';
import { webhookDispatcher, type QueuedWebhook } from '#services/payments/dispatch-webhooks';
import type { DeliveryResult } from '#services/payments/ports';

const secret = 'whsec_unit_test_secret_0123456789';

function setup(answer: (body: string) => DeliveryResult, postpone?: () => Promise<void>) {
  const clock = new ManualClock(new Date('2026-12-24T11:00:00Z'));
  const posts: { body: string; signature: string }[] = [];
  const postponed: { receiptHandle: string; seconds: number }[] = [];
  const dispatcher = webhookDispatcher({
    transport: { post: async (body, signature) => (posts.push({ body, signature }), answer(body)) },
    retry: { retryIn: postpone ?? (async (receiptHandle, seconds) => void postponed.push({ receiptHandle, seconds })) },
    clock,
    random: () => 0.5,
    secret: () => secret,
    backoff: { baseSeconds: 2, capSeconds: 300 },
  });
  return { dispatcher, posts, postponed, clock };
}

const message = (id: string, over: Partial<QueuedWebhook> = {}): QueuedWebhook => ({
  messageId: id,
  receiptHandle: `rh-${id}`,
  body: JSON.stringify({ eventId: id }),
  receiveCount: 1,
  badSignature: false,
  ...over,
});

describe('WebhookDispatcher', () => {
  it('signs each body at delivery time and reports only the failed ones, postponed with backoff', async () => {
    const { dispatcher, posts, postponed, clock } = setup((body) => (body.includes('bad') ? { ok: false, status: 500, error: 'HTTP 500' } : { ok: true, status: 200 }));
    const failed = await dispatcher.dispatch([message('good'), message('bad', { receiveCount: 3 }), message('good2')]);
    expect(failed).toEqual(['bad']);
    expect(postponed).toEqual([{ receiptHandle: 'rh-bad', seconds: 6 }]);
    for (const p of posts) expect(verifyWebhook(secret, p.body, p.signature, clock.now())).toBe('ok');
  });

  it('counts a network error as a failure', async () => {
    const { dispatcher } = setup(() => ({ ok: false, error: 'ECONNREFUSED' }));
    expect(await dispatcher.dispatch([message('m1')])).toEqual(['m1']);
  });

  it('sends a simulated bad signature that does not verify, and does not retry it', async () => {
    const { dispatcher, posts, postponed, clock } = setup(() => ({ ok: false, status: 400, error: 'HTTP 400' }));
    expect(await dispatcher.dispatch([message('forged', { badSignature: true })])).toEqual([]);
    expect(verifyWebhook(secret, posts[0]!.body, posts[0]!.signature, clock.now())).toBe('bad-signature');
    expect(postponed).toEqual([]);
  });

  it('still reports the failure when postponing it fails', async () => {
    const { dispatcher } = setup(() => ({ ok: false, status: 503, error: 'HTTP 503' }), () => Promise.reject(new Error('SQS down')));
    expect(await dispatcher.dispatch([message('m1')])).toEqual(['m1']);
  });
});
