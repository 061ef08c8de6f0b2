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

/** Join, status, leave and stats of a concert's line (api.md, Waiting room). */
export class WaitingRoomQueue {
  constructor(
    private readonly line: WaitingLine,
    private readonly settings: QueueSettings,
    private readonly concerts: ActiveConcerts,
    private readonly buffer: JoinBuffer,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly grants: ConnectGrants,
    private readonly arming: LoopArming,
  ) {}

  /** The POST: direct mode places the user now; buffered mode hands the join to SQS and answers PENDING. */
  async join(concertId: string, userId: string): Promise<QueueStatus | PendingJoin> {
    const settings = await this.settingsNow(concertId);
    if (settings.config.mode === 'buffered') {
      phaseOrRefuse(settings);
      const ticketId = this.ids.next();
      await this.buffer.enqueue({ concertId, userId, ticketId });
      return { status: 'PENDING', ticketId };
    }
    return this.placeWith(concertId, userId, settings);
  }

  /** Places a user now (direct joins, and buffered joins as the consumer drains them). */
  async place(concertId: string, userId: string): Promise<QueueStatus> {
    return this.placeWith(concertId, userId, await this.settingsNow(concertId));
  }

  /** One Lua script call: idempotent, bounded by maxWaiting, position by arrival sequence. */
  private async placeWith(concertId: string, userId: string, settings: SettingsNow): Promise<QueueStatus> {
    const { config, now } = settings;
    const result = await this.line.join(concertId, userId, { nowMs: now.getTime(), maxWaiting: config.maxWaiting, phase: phaseOrRefuse(settings) });
    if (result === 'FULL') {
      throw new DomainError('QUEUE_FULL', 'The waiting line is full; try again later', { maxWaiting: config.maxWaiting });
    }
    if (result.lineWasEmpty) await this.concerts.add(concertId);
    // After the work list: see LoopArming for why this order cannot leave a line without a loop.
    await this.arming.afterJoin(result.lineWasEmpty);
    return this.paced(userId, statusOf(concertId, result, settings), config.admitPerSecond);
  }

  async status(concertId: string, userId: string): Promise<QueueStatus> {
    const [status, config] = await Promise.all([
      this.line.placement(concertId, userId, this.clock.now().getTime()).then((view) => this.toStatus(concertId, view)),
      this.settings.config(concertId),
    ]);
    return this.paced(userId, status, config.admitPerSecond);
  }

  /** Adds pollAfterSeconds and connect; only a fan who wants a socket spends a look at the connect budget. */
  private async paced(userId: string, status: QueueStatus, admitPerSecond: number): Promise<QueueStatus> {
    const granted = wantsSocket(status, admitPerSecond) && (await this.grants.grant(userId, this.clock.now().getTime()));
    return paced(status, granted, { connectsPerSecond: this.grants.perSecond, admitPerSecond });
  }

  async leave(concertId: string, userId: string): Promise<void> {
    await this.line.leave(concertId, userId);
  }

  async stats(concertId: string) {
    const [counts, config] = await Promise.all([this.line.stats(concertId), this.settings.config(concertId)]);
    return {
      waiting: counts.waiting + counts.prequeue,
      active: counts.active,
      admittedTotal: counts.admittedTotal,
      admitPerSecond: config.admitPerSecond,
      maxActive: config.maxActive,
    };
  }

  async toStatus(concertId: string, view: PlacementView): Promise<QueueStatus> {
    return statusOf(concertId, view, await this.settingsNow(concertId));
  }

  /** The concert's config and opening (cached in process) read once per request, with the request's instant. */
  private async settingsNow(concertId: string): Promise<SettingsNow> {
    const [config, opensAt] = await Promise.all([this.settings.config(concertId), this.settings.opensAt(concertId)]);
    return { config, opensAt, now: this.clock.now() };
  }
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
