import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { METRICS_SERVICE } from './metric-names';

/**
 * Powertools Tracer, for the workers that can carry it: it pulls in aws-xray-sdk-core (~127 KB minified), more than
 * any hot-path bundle has room for (they rely on Lambda active tracing alone, set on every function by the CDK
 * construct). Where it is used it adds a `## handler` subsegment with the cold-start annotation and the error, and
 * traces outgoing HTTP(S) calls — the webhook POSTs and the AWS SDK's requests. Outside Lambda it is off.
 */
const tracer = new Tracer({ serviceName: METRICS_SERVICE });

/** The middy middleware that traces one invocation (#platform/worker takes it as extra middleware). */
export const traced = () => captureLambdaHandler(tracer, { captureResponse: false });
