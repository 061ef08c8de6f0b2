/** The local cloud's own log lines (handlers log through the Powertools logger). Never tokens or bodies. */
export const localLog = {
  info: (message: string, fields: Record<string, unknown> = {}) => write('INFO', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('WARN', message, fields),
  error: (message: string, error: unknown, fields: Record<string, unknown> = {}) =>
    write('ERROR', message, { ...fields, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
};

function write(level: string, message: string, fields: Record<string, unknown>): void {
  if (process.env.LOCAL_CLOUD_QUIET === 'true' && level === 'INFO') return;
  console.error(JSON.stringify({ level, source: 'local-cloud', message, ...fields }));
}
