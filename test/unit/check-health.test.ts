import { describe, expect, it } from 'vitest';
import { checkHealth } from '#services/check-health';

describe('checkHealth', () => {
  it('is ok when every probe answers', async () => {
    expect(await checkHealth({ a: async () => 1, b: async () => 'PONG' })).toEqual({ status: 'ok', checks: { a: 'ok', b: 'ok' } });
  });

  it('is degraded, naming the failed check, when a probe rejects', async () => {
    const report = await checkHealth({ a: async () => 1, b: () => Promise.reject(new Error('down')) });
    expect(report).toEqual({ status: 'degraded', checks: { a: 'ok', b: 'fail' } });
  });

  it('counts a probe that never answers as failed once its time box passes', async () => {
    const report = await checkHealth({ hangs: () => new Promise(() => undefined), a: async () => 1 }, 50);
    expect(report).toEqual({ status: 'degraded', checks: { hangs: 'fail', a: 'ok' } });
  });
});
