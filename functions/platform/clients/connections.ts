import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazyClient } from './lazy-client';

export const connections = lazyClient(() =>
  deadlined(
    'API Gateway @connections',
    new ApiGatewayManagementApiClient({ ...sdkDeadlineSettings(), endpoint: config('WS_MANAGEMENT_ENDPOINT').WS_MANAGEMENT_ENDPOINT }),
  ),
);
