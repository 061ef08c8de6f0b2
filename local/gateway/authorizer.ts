import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { HandlerRef } from '../../lib/capabilities/types';
import { invoke } from '../invoke';
import { localLog } from '../log';

export const ACCOUNT_ID = '000000000000';
export const API_ID = 'local';
export const STAGE = 'local';

/** `arn:aws:execute-api:us-east-1:000000000000:local/local/GET/v1/concerts` (REST) or `…/local/local/$connect` (WS). */
export const methodArn = (routePart: string) => `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${API_ID}/${STAGE}/${routePart}`;

/** What API Gateway puts in `requestContext.authorizer`: principalId plus the context, values as strings. */
export type AuthorizerContext = Record<string, string>;

export type AuthorizerDecision =
  | { kind: 'allow'; context: AuthorizerContext }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  | { kind: 'failed' }
  | { kind: 'error' };

/**
 * Runs the Lambda authorizer and judges its answer as API Gateway does: `throw new Error('Unauthorized')` → 401,
 * a policy that does not Allow the method ARN (or explicitly Denies it) → 403, a malformed answer → 500, and any
 * other throw (the denylist store is unreachable) → AUTHORIZER_FAILURE, which the REST API's gateway response
 * (lib/constructs/rest-api.ts) turns into 503 DEPENDENCY_UNAVAILABLE.
 */
export async function authorize(ref: HandlerRef, event: APIGatewayRequestAuthorizerEvent): Promise<AuthorizerDecision> {
  let result: APIGatewayAuthorizerResult;
  try {
    result = await invoke<APIGatewayAuthorizerResult>(ref, event);
  } catch (e) {
    if (e instanceof Error && e.message === 'Unauthorized') return { kind: 'unauthorized' };
    localLog.warn('authorizer failed', { authorizer: ref, error: e instanceof Error ? e.message : String(e) });
    return { kind: 'failed' };
  }
  const context = flattenContext(result);
  if (!context) {
    localLog.error('authorizer returned a malformed result', new Error('AuthorizerConfigurationException'), { authorizer: ref });
    return { kind: 'error' };
  }
  return policyAllows(result, event.methodArn) ? { kind: 'allow', context } : { kind: 'forbidden' };
}

function flattenContext(result: APIGatewayAuthorizerResult | undefined): AuthorizerContext | undefined {
  if (!result || typeof result.principalId !== 'string' || !result.policyDocument) return undefined;
  const context: AuthorizerContext = { principalId: result.principalId };
  for (const [k, v] of Object.entries(result.context ?? {})) {
    // API Gateway refuses context values that are not primitives.
    if (v !== null && typeof v === 'object') return undefined;
    if (v !== undefined && v !== null) context[k] = String(v);
  }
  return context;
}

function policyAllows(result: APIGatewayAuthorizerResult, arn: string): boolean {
  let allowed = false;
  for (const statement of result.policyDocument.Statement ?? []) {
    const s = statement as { Effect?: string; Resource?: string | string[] };
    const resources = Array.isArray(s.Resource) ? s.Resource : s.Resource ? [s.Resource] : [];
    if (!resources.some((r) => arnMatches(r, arn))) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}

/** IAM resource matching: `*` spans any characters, `?` one. */
function arnMatches(pattern: string, arn: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(arn);
}
