import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, readBody, sendJson } from './gateway/http-io';
import { localLog } from './log';

/** An error the SDK raises by name: `__type` in the body and `x-amzn-errortype` carry it. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Operation = (input: Record<string, unknown>) => Promise<unknown> | unknown;

/**
 * A service speaking the AWS JSON protocol (`X-Amz-Target: <prefix>.<Operation>`, JSON body), which is how
 * `@aws-sdk/client-sfn` and `@aws-sdk/client-eventbridge` talk to their endpoint.
 */
export function awsJsonEndpoint(targetPrefix: string, contentType: string, operations: Record<string, Operation>) {
  const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    sendJson(res, status, body, { 'content-type': contentType, ...headers });

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(`${targetPrefix}.`) ? operations[target.slice(targetPrefix.length + 1)] : undefined;
    try {
      if (req.method !== 'POST' || !operation) throw new AwsServiceError('UnknownOperationException', `Unsupported operation ${target || '(none)'}`);
      let input: Record<string, unknown>;
      try {
        const text = (await readBody(req, 1024 * 1024)).toString('utf8');
        input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch (e) {
        if (e instanceof BodyTooLarge) throw new AwsServiceError('ValidationException', 'Request too large', 413);
        throw new AwsServiceError('SerializationException', 'Body is not valid JSON');
      }
      reply(res, 200, (await operation(input)) ?? {});
    } catch (e) {
      if (e instanceof AwsServiceError) return reply(res, e.status, { __type: e.type, message: e.message }, { 'x-amzn-errortype': e.type });
      localLog.error(`${targetPrefix} operation failed`, e, { target });
      reply(res, 500, { __type: 'InternalFailure', message: 'Internal failure' }, { 'x-amzn-errortype': 'InternalFailure' });
    }
  };
}
