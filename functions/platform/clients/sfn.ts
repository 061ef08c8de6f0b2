import { SFNClient } from '@aws-sdk/client-sfn';
import { lazyClient } from './lazy-client';

export const sfn = lazyClient(() => new SFNClient({}));
