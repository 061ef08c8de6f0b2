import { GetCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { SaleOpenings } from '#services/waiting-room/ports';
import { keys } from './keys';

/** Reads only the opening instants of a concert's sales policy item (written by the catalog capability). */
export function dynamoSaleOpenings(dynamo: DynamoClient, tableName: string): SaleOpenings {
  return {
    async policyTimes(concertId) {
      const { Item } = await dynamo.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.salesPolicy(concertId),
          ProjectionExpression: 'presaleStartAt, generalSaleStartAt',
        }),
      );
      if (!Item) return undefined;
      return {
        ...(typeof Item.presaleStartAt === 'string' ? { presaleStartAt: Item.presaleStartAt } : {}),
        ...(typeof Item.generalSaleStartAt === 'string' ? { generalSaleStartAt: Item.generalSaleStartAt } : {}),
      };
    },
  };
}
