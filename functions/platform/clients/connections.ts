import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazyClient } from './lazy-client';

const endpoint = () => config('WS_MANAGEMENT_ENDPOINT').WS_MANAGEMENT_ENDPOINT;
const client = lazyClient(() => deadlined('API Gateway @connections', new ApiGatewayManagementApiClient({ ...sdkDeadlineSettings(), endpoint: endpoint() })));

/** Like redis(): the endpoint is checked on every use, so only functions with the `connections` need get the client. */
export const connections = () => {
  endpoint();
  return client();
};
