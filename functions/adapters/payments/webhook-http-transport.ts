import { SIGNATURE_HEADER } from '#domain/payments/webhook-signature';
import type { WebhookTransport } from '#services/payments/ports';

const DELIVERY_TIMEOUT_MS = 5_000;

/** POSTs a signed webhook to WEBHOOK_TARGET_URL; a non-2xx answer, a network error or a timeout is a failure. */
export function webhookHttpTransport(targetUrl: () => string): WebhookTransport {
  return {
    async post(body, signature) {
      try {
        const response = await fetch(targetUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
          body,
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        await response.body?.cancel();
        return response.ok ? { ok: true, status: response.status } : { ok: false, status: response.status, error: `HTTP ${response.status}` };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
}
