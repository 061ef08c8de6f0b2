import { DomainError } from '#domain/errors';
import type { Clock } from '#platform/clock';
import type { Ids } from '#platform/ids';
import { joinPhase } from '#domain/waiting-room/sale-opening';
import { toQueueStatus, type QueueStatus } from '#domain/waiting-room/queue-status';
import { paced, wantsSocket } from '#domain/waiting-room/client-pacing';
import type { QueueConfig } from '#domain/waiting-room/queue-config';
import type { ActiveConcerts, ConnectGrants, JoinBuffer, PlacementView, WaitingLine } from './ports';
import type { QueueSettings } from './queue-settings';
import type { LoopArming } from './loop-arming';

export interface PendingJoin {
  status: 'PENDING';
  ticketId: string;
}

export interface WaitingRoomQueueDeps {
  line: WaitingLine;
  settings: QueueSettings;
  concerts: ActiveConcerts;
  buffer: JoinBuffer;
  clock: Clock;
  ids: Ids;
  grants: ConnectGrants;
  arming: LoopArming;
}

export type WaitingRoomQueue = ReturnType<typeof waitingRoomQueue>;

/** Join, status, leave and stats of a concert's line (api.md, Waiting room). */
export function waitingRoomQueue(deps: WaitingRoomQueueDeps) {
  const { line, settings, concerts, buffer, clock, ids, grants, arming } = deps;

  /** The concert's config and opening (cached in process) read once per request, with the request's instant. */
  async function settingsNow(concertId: string): Promise<SettingsNow> {
    const [config, opensAt] = await Promise.all([settings.config(concertId), settings.opensAt(concertId)]);
    return { config, opensAt, now: clock.now() };
  }

  /** Adds pollAfterSeconds and connect; only a fan who wants a socket spends a look at the connect budget. */
  async function withPacing(userId: string, status: QueueStatus, admitPerSecond: number): Promise<QueueStatus> {
    const granted = wantsSocket(status, admitPerSecond) && (await grants.grant(userId, clock.now().getTime()));
    return paced(status, granted, { connectsPerSecond: grants.perSecond, admitPerSecond });
  }

  /** One Lua script call: idempotent, bounded by maxWaiting, position by arrival sequence. */
  async function placeWith(concertId: string, userId: string, current: SettingsNow): Promise<QueueStatus> {
    const { config, now } = current;
    const result = await line.join(concertId, userId, { nowMs: now.getTime(), maxWaiting: config.maxWaiting, phase: phaseOrRefuse(current) });
    if (result === 'FULL') {
      throw new DomainError('QUEUE_FULL', 'The waiting line is full; try again later', { maxWaiting: config.maxWaiting });
    }
    if (result.lineWasEmpty) await concerts.add(concertId);
    // After the work list: see loopArming for why this order cannot leave a line without a loop.
    await arming.afterJoin(result.lineWasEmpty);
    return withPacing(userId, statusOf(concertId, result, current), config.admitPerSecond);
  }

  async function toStatus(concertId: string, view: PlacementView): Promise<QueueStatus> {
    return statusOf(concertId, view, await settingsNow(concertId));
  }

  return {
    /** The POST: direct mode places the user now; buffered mode hands the join to SQS and answers PENDING. */
    async join(concertId: string, userId: string): Promise<QueueStatus | PendingJoin> {
      const current = await settingsNow(concertId);
      if (current.config.mode === 'buffered') {
        phaseOrRefuse(current);
        const ticketId = ids.next();
        await buffer.enqueue({ concertId, userId, ticketId });
        return { status: 'PENDING', ticketId };
      }
      return placeWith(concertId, userId, current);
    },

    /** Places a user now (direct joins, and buffered joins as the consumer drains them). */
    async place(concertId: string, userId: string): Promise<QueueStatus> {
      return placeWith(concertId, userId, await settingsNow(concertId));
    },

    async status(concertId: string, userId: string): Promise<QueueStatus> {
      const [status, config] = await Promise.all([
        line.placement(concertId, userId, clock.now().getTime()).then((view) => toStatus(concertId, view)),
        settings.config(concertId),
      ]);
      return withPacing(userId, status, config.admitPerSecond);
    },

    async leave(concertId: string, userId: string): Promise<void> {
      await line.leave(concertId, userId);
    },

    async stats(concertId: string) {
      const [counts, config] = await Promise.all([line.stats(concertId), settings.config(concertId)]);
      return {
        waiting: counts.waiting + counts.prequeue,
        active: counts.active,
        admittedTotal: counts.admittedTotal,
        admitPerSecond: config.admitPerSecond,
        maxActive: config.maxActive,
      };
    },

    toStatus,
  };
}

interface SettingsNow {
  config: QueueConfig;
  opensAt: Date | undefined;
  now: Date;
}

function phaseOrRefuse({ config, opensAt, now }: SettingsNow): 'OPEN' | 'PREQUEUE' {
  const phase = joinPhase(now, opensAt, config);
  if (phase === 'CLOSED') {
    throw new DomainError('SALE_NOT_OPEN', 'The waiting line for this concert is not open yet', {
      opensAt: opensAt?.toISOString(),
      ...(config.prequeueOpensAt ? { prequeueOpensAt: config.prequeueOpensAt } : {}),
    });
  }
  return phase;
}

const statusOf = (concertId: string, view: PlacementView, { config, opensAt, now }: SettingsNow): QueueStatus =>
  toQueueStatus(concertId, view.placement, { measuredRate: view.measuredRate, admitPerSecond: config.admitPerSecond, opensAt, now });
