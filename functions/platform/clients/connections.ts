import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazySdkClient, type LazySdk } from './lazy-client';

export type Connections = LazySdk<typeof import('@aws-sdk/client-apigatewaymanagementapi'), ApiGatewayManagementApiClient>;

const endpoint = () => config('WS_MANAGEMENT_ENDPOINT').WS_MANAGEMENT_ENDPOINT;
const client: Connections = lazySdkClient(
  () => import('@aws-sdk/client-apigatewaymanagementapi'),
  (sdk) => deadlined('API Gateway @connections', new sdk.ApiGatewayManagementApiClient({ ...sdkDeadlineSettings(), endpoint: endpoint() })),
);

/** Like redis(): the endpoint is checked on every use, so only functions with the `connections` need get the client. */
export const connections: Connections = () => {
  endpoint();
  return client();
};
