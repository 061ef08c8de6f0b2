import { dynamo, tableName } from '#platform/clients/dynamo';

/**
 * Ports more than one use case binds the same way. Each is a separate export so a bundle takes only the ones its
 * use case reaches.
 */

/** The table client (its throttling, timeouts and connection failures become 503 in the platform's one classifier). */
export const db = dynamo;
export { tableName };
