import { describe, expect, it } from 'vitest';
import { awsQuotas } from '../../lib/aws-quotas';
import { systemManifest } from '../../lib/stacks/system-manifest';
import { prodThrottles } from '../../lib/stage-config';
import { buildApp } from './build-app';

interface MethodSetting {
  ResourcePath: string;
  HttpMethod: string;
  ThrottlingRateLimit: number;
  ThrottlingBurstLimit: number;
}

describe('prod REST throttles (the real app)', () => {
  const rest = buildApp({ stage: 'prod', manifest: systemManifest }).restTemplate!;
  const stage = Object.values(rest.findResources('AWS::ApiGateway::Stage'))[0]!.Properties as { MethodSettings: MethodSetting[] };
  /** API Gateway escapes `/` inside a method's resource path as `~1`; the stage-wide entry is `*` on `/*`. */
  const setting = (method: string, path: string) =>
    stage.MethodSettings.find((s) => s.HttpMethod === method && s.ResourcePath === (path === '/*' ? path : `/${path.replaceAll('/', '~1')}`));

  it('keeps the stage below the account quota, with headroom for @connections and WebSocket messages', () => {
    const all = setting('*', '/*')!;
    expect(all.ThrottlingRateLimit).toBe(prodThrottles.stage.rateLimit);
    expect(awsQuotas.apiGatewayRps - all.ThrottlingRateLimit).toBeGreaterThanOrEqual(2_000);
    expect(all.ThrottlingBurstLimit).toBeLessThan(awsQuotas.apiGatewayBurst);
  });

  it('throttles joins, status polls and holds per method, each below the stage and together within it', () => {
    const hot = [
      ['POST', '/v1/concerts/{concertId}/queue'],
      ['GET', '/v1/concerts/{concertId}/queue/me'],
      ['POST', '/v1/reservations'],
    ] as const;
    let sum = 0;
    for (const [method, path] of hot) {
      const s = setting(method, path);
      expect(s, `${method} ${path}`).toBeDefined();
      expect(s!.ThrottlingRateLimit).toBe(prodThrottles.methods[`${method} ${path}` as keyof typeof prodThrottles.methods].rateLimit);
      expect(s!.ThrottlingRateLimit).toBeLessThan(prodThrottles.stage.rateLimit);
      sum += s!.ThrottlingRateLimit;
    }
    expect(sum).toBeLessThanOrEqual(prodThrottles.stage.rateLimit);
  });

  it('caches the authorizer on user routes and leaves pay, refund and admin routes uncached', () => {
    const authorizers = rest.findResources('AWS::ApiGateway::Authorizer');
    const ttlOf = (method: string, pathPart: string) => {
      const m = Object.values(rest.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: method } })).find((x) =>
        JSON.stringify(x.Properties.ResourceId).includes(pathPart),
      );
      const id = (m?.Properties.AuthorizerId as { Ref: string } | undefined)?.Ref;
      return id ? authorizers[id]!.Properties.AuthorizerResultTtlInSeconds : undefined;
    };
    expect(ttlOf('GET', 'v1concertsconcertIdqueueme')).toBe(60);
    expect(ttlOf('POST', 'v1reservations')).toBe(60);
    expect(ttlOf('POST', 'reservationIdpay')).toBe(0);
    expect(ttlOf('POST', 'reservationIdrefund')).toBe(0);
    expect(ttlOf('POST', 'v1authlogout')).toBe(0);
    expect(ttlOf('PUT', 'queueconfig')).toBe(0);
  });
});
