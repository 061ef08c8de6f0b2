import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazyClient } from './lazy-client';

export const secretsManager = lazyClient(() => deadlined('Secrets Manager', new SecretsManagerClient(sdkDeadlineSettings())));
