import type { Principal } from '#domain/identity';
import { BatchWriteCommand, PutCommand, UpdateCommand } from '#platform/clients/dynamo-commands';
import { gsi1, keys } from '#adapters/dynamo/keys';
import { dynamoSeatPartitions } from '#adapters/dynamo/seat-partitions';
import { dynamo, tableName } from '#platform/clients';
import { waitingRoom } from '#composition/waiting-room';
import { ulids } from '#platform/ids';
import type { SalesPolicy } from '#domain/sales-policy';
import type { HoldDeadlines } from '#services/reservations/ports';

/**
 * Puts a concert, one show and its seats straight into DynamoDB Local, shaped as the BRIEF's Seat item contract
 * (catalog generates them in production). Seats are `A-<row>-<number>`, all VIP at 150,000 KRW.
 */
export async function seedShow(options: { rows?: number; seatsPerRow?: number; policy?: Partial<SalesPolicy> } = {}) {
  const concertId = `c-${ulids.next()}`;
  const showId = `s-${ulids.next()}`;
  const rows = options.rows ?? 1;
  const perRow = options.seatsPerRow ?? 10;
  const venueId = `v-${ulids.next()}`;
  const startsAt = '2027-01-10T10:00:00.000Z';
  // Concert and venue carry what the seat map's layout is made of; without GSI1 keys they stay out of catalog lists.
  const layout = { sections: [{ name: 'A', grade: 'VIP', rows, seatsPerRow: perRow }] };
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...keys.venue(venueId), venueId, name: 'Test venue', city: 'Seoul', layout, capacity: rows * perRow, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' } }));
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      // A whole Concert (functions/domain/catalog/types.ts): the catalog reads it through its entity schema.
      Item: {
        ...keys.concert(concertId),
        concertId,
        title: 'Test concert',
        artistId: 'a-test',
        agencyId: 'g-test',
        genre: 'K-POP',
        description: '',
        status: 'READY',
        venueId,
        priceTiers: [{ grade: 'VIP', price: 150000, currency: 'KRW' }],
        shows: [{ showId, startsAt }],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    }),
  );
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.show(concertId, showId), ...gsi1.showById(showId), concertId, showId, startsAt } }),
  );
  const seatIds: string[] = [];
  const items = [];
  for (let row = 1; row <= rows; row++) {
    for (let number = 1; number <= perRow; number++) {
      const seatId = `A-${row}-${number}`;
      seatIds.push(seatId);
      items.push({ ...keys.seat(showId, seatId), concertId, showId, seatId, section: 'A', row, number, grade: 'VIP', price: 150000, currency: 'KRW', status: 'AVAILABLE', version: 0 });
    }
  }
  // As seat generation does: the show's partition list first, then its seats.
  await dynamoSeatPartitions(dynamo, tableName).remember(showId, seatIds);
  for (let i = 0; i < items.length; i += 25) {
    await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  if (options.policy) {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.salesPolicy(concertId), concertId, generalSaleStartAt: '1970-01-01T00:00:00.000Z', maxTicketsPerUser: 4, holdTtlSeconds: 300, paymentTtlSeconds: 600, refundCutoffHours: 24, version: 1, ...options.policy },
      }),
    );
  }
  return { concertId, showId, seatIds };
}

export function recordingDeadlines(failWith?: Error): HoldDeadlines & { started: string[]; stopped: string[] } {
  const started: string[] = [];
  const stopped: string[] = [];
  return {
    started,
    stopped,
    start: async (id) => {
      if (failWith) throw failWith;
      started.push(id);
    },
    stop: async (id) => void stopped.push(id),
  };
}

/** A signed-in caller as the authorizer would describe it. */
export const principal = (userId: string, tier: Principal['tier'] = 'BASIC', role: Principal['role'] = 'USER'): Principal => ({
  userId,
  role,
  tier,
  jti: `jti-${userId}`,
  tokenExpiresAt: 0,
});

/** Admits the user for real: joins the concert's line and runs an admission tick. */
export async function admissionToken(userId: string, concertId: string): Promise<string> {
  const room = waitingRoom();
  await room.queue.join(concertId, userId);
  await room.tick.run(concertId);
  const status = await room.queue.status(concertId, userId);
  if (!status.admissionToken) throw new Error(`${userId} was not admitted: ${status.status}`);
  return status.admissionToken;
}

/** Moves a reservation to PAYING the way the payment side does, with its own deadline (version 1 → 2). */
export async function forcePaying(reservationId: string, paymentExpiresAt: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.reservation(reservationId),
      UpdateExpression: 'SET #s = :paying, paymentExpiresAt = :p, version = :v',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':paying': 'PAYING', ':p': paymentExpiresAt, ':v': 2 },
    }),
  );
}
