import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `TicketRush-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, as in api.md.
 * The timestamp is signed too, so an old body cannot be replayed with a fresh `t`.
 */
export const SIGNATURE_HEADER = 'ticketrush-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const mac = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

export type SignatureCheck = 'ok' | 'malformed' | 'bad-signature' | 'stale';

export function verifyWebhook(secret: string, body: string, header: string | undefined, now: Date, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): SignatureCheck {
  if (!header) return 'malformed';
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || !/^[0-9a-f]{64}$/i.test(given)) return 'malformed';
  const expected = Buffer.from(mac(secret, t, body), 'hex');
  // Constant time, so the comparison leaks nothing about how much of a forged signature was right.
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'bad-signature';
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > toleranceSeconds) return 'stale';
  return 'ok';
}
