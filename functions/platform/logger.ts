import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per cold start. Never log tokens, secrets or card numbers. */
export const logger = new Logger({
  serviceName: 'ticketrush',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});
