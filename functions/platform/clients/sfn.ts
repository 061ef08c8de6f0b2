import type { SFNClient } from '@aws-sdk/client-sfn';
import { deadlined } from './deadlined';
import { lazySdkClient, type LazySdk } from './lazy-client';

export type StepFunctions = LazySdk<typeof import('@aws-sdk/client-sfn'), SFNClient>;

export const sfn: StepFunctions = lazySdkClient(
  () => import('@aws-sdk/client-sfn'),
  (sdk) => deadlined('Step Functions', (settings) => new sdk.SFNClient(settings)),
);
