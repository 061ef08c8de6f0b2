import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazyClient } from './lazy-client';

export const sfn = lazyClient(() => deadlined('Step Functions', new SFNClient(sdkDeadlineSettings())));
