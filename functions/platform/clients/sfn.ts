import { config } from '../config';
import { serviceEndpoint } from './aws-endpoints';
import { awsJsonProtocol } from './aws-json-protocol';
import { serviceError } from './aws-service-errors';
import { lazyClient } from './lazy-client';

const DEPENDENCY = 'Step Functions';

/** The Step Functions calls the hold deadlines make; a refusal is an AwsServiceException named as the API names it. */
export interface StepFunctions {
  startExecution(input: { stateMachineArn: string; name: string; input: string }): Promise<{ executionArn: string }>;
  stopExecution(input: { executionArn: string; cause: string }): Promise<void>;
  destroy(): void;
}

/** Step Functions' JSON protocol (1.0, `AWSStepFunctions.<Operation>`) through ./aws-json-protocol.ts. */
export function stepFunctionsClient(url: URL, region: string): StepFunctions {
  const json = awsJsonProtocol({ url, region, service: 'states', targetPrefix: 'AWSStepFunctions', contentType: 'application/x-amz-json-1.0', dependency: DEPENDENCY, error: serviceError(DEPENDENCY) });
  return {
    startExecution: async (input) => (await json.call('StartExecution', input)) as { executionArn: string },
    async stopExecution(input) {
      await json.call('StopExecution', input);
    },
    destroy: json.destroy,
  };
}

export const sfn = lazyClient(() => {
  const { AWS_REGION } = config('AWS_REGION');
  return stepFunctionsClient(serviceEndpoint('SFN', 'states', AWS_REGION), AWS_REGION);
});
