import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazySdkClient, type LazySdk } from './lazy-client';

export type Connections = LazySdk<typeof import('@aws-sdk/client-apigatewaymanagementapi'), ApiGatewayManagementApiClient>;

export const connections: Connections = lazySdkClient(
  () => import('@aws-sdk/client-apigatewaymanagementapi'),
  (sdk) =>
    deadlined(
      'API Gateway @connections',
      new sdk.ApiGatewayManagementApiClient({ ...sdkDeadlineSettings(), endpoint: config('WS_MANAGEMENT_ENDPOINT').WS_MANAGEMENT_ENDPOINT }),
    ),
);
