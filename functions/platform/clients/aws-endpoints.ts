/**
 * Where the SDK would send a service's calls: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` (the local cloud and
 * LocalStack set these), else the region's public endpoint `https://<host>.<region>.amazonaws.com`.
 */
export function serviceEndpoint(service: 'DYNAMODB' | 'SFN' | 'EVENTBRIDGE', host: string, region: string): URL {
  const { [`AWS_ENDPOINT_URL_${service}`]: own, AWS_ENDPOINT_URL: shared } = process.env;
  return new URL(own || shared || `https://${host}.${region}.amazonaws.com`);
}
