import * as z from 'zod/mini';
import { SEAT_STATUSES } from '#domain/seat';
import type { FanOutPart } from './ports';

const id = () => z.string().check(z.minLength(1));
const count = () => z.number().check(z.int(), z.nonnegative());

/**
 * A fan-out part as the seat fan-out queue carries it (JSON of a `FanOutPart`). The consumer parses with this, so a
 * message that drifted from the shape — a producer of another version, a hand-sent test message — is refused at the
 * door instead of failing half-way through its pushes.
 */
const fanOutPartSchema = z.object({
  showId: id(),
  version: count(),
  index: count(),
  message: z.object({
    type: z.literal('SEATS'),
    showId: id(),
    version: count(),
    changes: z.array(z.object({ seatId: id(), status: z.enum(SEAT_STATUSES) })),
    ts: z.string(),
  }),
  watchers: z.array(z.object({ connectionId: id(), order: z.number() })),
  last: z.array(z.tuple([z.number(), z.number()])),
});

/** The part in a queue message's body, or the reason it is not one. */
export function parseFanOutPart(body: string): { part: FanOutPart } | { refused: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { refused: 'the body is not JSON' };
  }
  const parsed = z.safeParse(fanOutPartSchema, json);
  if (!parsed.success) return { refused: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  if (parsed.data.message.showId !== parsed.data.showId || parsed.data.message.version !== parsed.data.version) return { refused: 'the message is not of the part’s show and version' };
  return { part: parsed.data };
}
