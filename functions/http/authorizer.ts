import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { isDomainError } from '#domain/errors';
import { withInvocationDeadline } from '#platform/deadlines';
import { logger } from '#platform/logger';
import { accessTokenVerifier } from '#composition/authorizer';
import { authenticateAccessToken } from '#services/auth/authenticate';

/**
 * The Lambda authorizer (REQUEST type) for REST routes and the WebSocket `$connect`. REST sends the token as
 * `Authorization: Bearer`; browsers cannot set headers on a WebSocket, so `$connect` may also pass `?token=`
 * (accepted only there: tokens in URLs end up in access logs). Any refusal is `Error('Unauthorized')`, which
 * API Gateway turns into 401. When the denylist cannot be read within the authorizer's short budget, a token
 * checked here moments ago keeps its answer; any other is rethrown, which the API's AUTHORIZER_FAILURE gateway
 * response turns into 503 DEPENDENCY_UNAVAILABLE: a revoked token must not slip through while DynamoDB is away.
 */
export const handler = (event: APIGatewayRequestAuthorizerEvent, context?: Context): Promise<APIGatewayAuthorizerResult> =>
  withInvocationDeadline('authorizer', context, () => authorize(event));

async function authorize(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const resource = apiWideResource(event.methodArn);
  const token = tokenFrom(event);
  if (!resource || !token) throw new Error('Unauthorized');
  try {
    const p = await authenticateAccessToken(accessTokenVerifier(), token);
    return {
      principalId: p.userId,
      // The whole API, not just this method: API Gateway caches the policy per token and reuses it for other routes.
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }] },
      context: { userId: p.userId, role: p.role, tier: p.tier, jti: p.jti, tokenExpiresAt: p.tokenExpiresAt },
    };
  } catch (e) {
    if (isDomainError(e) && e.code === 'UNAUTHENTICATED') {
      logger.info('token refused', { reason: e.message });
      throw new Error('Unauthorized', { cause: e });
    }
    throw e;
  }
}

/** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<rest…>` → `…:<apiId>/<stage>/*`. */
export function apiWideResource(methodArn: string | undefined): string | undefined {
  const match = /^(arn:[^:]+:execute-api:[^:]*:[^:]*:[^/]+\/[^/]+)\/.+$/.exec(methodArn ?? '');
  return match ? `${match[1]}/*` : undefined;
}

function tokenFrom(event: APIGatewayRequestAuthorizerEvent): string | undefined {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (bearer) return bearer;
  const isWebSocketConnect = /\/\$connect$/.test(event.methodArn ?? '');
  return isWebSocketConnect ? event.queryStringParameters?.token || undefined : undefined;
}
