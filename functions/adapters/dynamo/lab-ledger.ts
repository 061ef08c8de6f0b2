import { QueryCommand, UpdateCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import { STRATEGIES, type LabLedger, type Strategy, type StrategyReport } from '#services/lab/ports';
import { keys } from './keys';
import { deleteShow, LAB_SHOW_ID } from './lab-seats';

/** Lab counters in the table, so every Lambda instance contributes to one report. */
export function dynamoLabLedger(db: () => DynamoClient, table: () => string, showId = LAB_SHOW_ID): LabLedger {
  return {
    async record(strategy, seatId, userId, won) {
      await Promise.all([
        db().send(
          new UpdateCommand({ TableName: table(), Key: keys.labStats(showId, strategy), UpdateExpression: 'ADD attempts :one, successes :won', ExpressionAttributeValues: { ':one': 1, ':won': won ? 1 : 0 } }),
        ),
        won
          ? db().send(new UpdateCommand({ TableName: table(), Key: keys.labWinners(showId, strategy, seatId), UpdateExpression: 'ADD winners :me', ExpressionAttributeValues: { ':me': new Set([userId]) } }))
          : undefined,
      ]);
    },
    async report() {
      const out = emptyReport();
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db().send(
          new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.labShow(showId).PK }, ConsistentRead: true, ExclusiveStartKey: start }),
        );
        for (const item of page.Items ?? []) {
          const [kind, strategy] = String(item.SK).split('#') as [string, Strategy];
          if (!out[strategy]) continue;
          if (kind === 'STATS') {
            out[strategy].attempts = Number(item.attempts ?? 0);
            out[strategy].successes = Number(item.successes ?? 0);
          } else if (kind === 'WIN') {
            out[strategy].doubleBookings += Math.max(0, (item.winners as Set<string>).size - 1);
          }
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },
    reset: () => deleteShow(db, table, showId, (sk) => sk.startsWith('STATS#') || sk.startsWith('WIN#')),
  };
}

export function emptyReport(): Record<Strategy, StrategyReport> {
  return Object.fromEntries(STRATEGIES.map((s) => [s, { attempts: 0, successes: 0, doubleBookings: 0 }])) as Record<Strategy, StrategyReport>;
}
