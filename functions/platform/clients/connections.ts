import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config';
import { lazyClient } from './lazy-client';

export const connections = lazyClient(
  () => new ApiGatewayManagementApiClient({ endpoint: config('WS_MANAGEMENT_ENDPOINT').WS_MANAGEMENT_ENDPOINT }),
);
