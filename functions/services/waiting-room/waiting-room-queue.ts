import { AppError } from '#platform/errors';
import type { Clock } from '#platform/clock';
import type { Ids } from '#platform/ids';
import { joinPhase } from '#domain/waiting-room/sale-opening';
import { toQueueStatus, type QueueStatus } from '#domain/waiting-room/queue-status';
import type { ActiveConcerts, JoinBuffer, PlacementView, WaitingLine } from './ports';
import type { QueueSettings } from './queue-settings';

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
  ) {}

  /** The POST: direct mode places the user now; buffered mode hands the join to SQS and answers PENDING. */
  async join(concertId: string, userId: string): Promise<QueueStatus | PendingJoin> {
    const config = await this.settings.config(concertId);
    if (config.mode === 'buffered') {
      await this.phaseOrRefuse(concertId);
      const ticketId = this.ids.next();
      await this.buffer.enqueue({ concertId, userId, ticketId });
      return { status: 'PENDING', ticketId };
    }
    return this.place(concertId, userId);
  }

  /** One Lua script call: idempotent, bounded by maxWaiting, position by arrival sequence. */
  async place(concertId: string, userId: string): Promise<QueueStatus> {
    const [config, phase] = await Promise.all([this.settings.config(concertId), this.phaseOrRefuse(concertId)]);
    const now = this.clock.now();
    const result = await this.line.join(concertId, userId, { nowMs: now.getTime(), maxWaiting: config.maxWaiting, phase });
    if (result === 'FULL') {
      throw new AppError('QUEUE_FULL', 'The waiting line is full; try again later', { maxWaiting: config.maxWaiting });
    }
    if (result.lineWasEmpty) await this.concerts.add(concertId);
    return this.toStatus(concertId, result);
  }

  async status(concertId: string, userId: string): Promise<QueueStatus> {
    return this.toStatus(concertId, await this.line.placement(concertId, userId, this.clock.now().getTime()));
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
    const [config, opensAt] = await Promise.all([this.settings.config(concertId), this.settings.opensAt(concertId)]);
    return toQueueStatus(concertId, view.placement, {
      measuredRate: view.measuredRate,
      admitPerSecond: config.admitPerSecond,
      opensAt,
      now: this.clock.now(),
    });
  }

  private async phaseOrRefuse(concertId: string): Promise<'OPEN' | 'PREQUEUE'> {
    const [config, opensAt] = await Promise.all([this.settings.config(concertId), this.settings.opensAt(concertId)]);
    const phase = joinPhase(this.clock.now(), opensAt, config);
    if (phase === 'CLOSED') {
      throw new AppError('SALE_NOT_OPEN', 'The waiting line for this concert is not open yet', {
        opensAt: opensAt?.toISOString(),
        ...(config.prequeueOpensAt ? { prequeueOpensAt: config.prequeueOpensAt } : {}),
      });
    }
    return phase;
  }
}
