import type { APIGatewayAuthorizerResult } from 'aws-lambda';

/**
 * API Gateway's authorizer result cache, as AWS keeps it for a REQUEST authorizer with an identity source: the
 * returned policy and context are kept per identity-source value (the `Authorization` header) for `ttlSeconds`
 * and re-judged against each request's method ARN; a refusal (`Unauthorized`, a crash) is not cached. TTL 0 turns
 * caching off, as `AuthorizerResultTtlInSeconds: 0` does.
 */
export class AuthorizerCache {
  private readonly entries = new Map<string, { result: APIGatewayAuthorizerResult; until: number }>();

  constructor(
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(identity: string): APIGatewayAuthorizerResult | undefined {
    const entry = this.entries.get(identity);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.result;
    this.entries.delete(identity);
    return undefined;
  }

  set(identity: string, result: APIGatewayAuthorizerResult): void {
    if (this.ttlSeconds <= 0) return;
    // Expired entries go as they are met; a sweep on each write keeps a long-running local cloud bounded too.
    if (this.entries.size >= 10_000) for (const [k, e] of this.entries) if (e.until <= this.now()) this.entries.delete(k);
    this.entries.set(identity, { result, until: this.now() + this.ttlSeconds * 1000 });
  }
}
