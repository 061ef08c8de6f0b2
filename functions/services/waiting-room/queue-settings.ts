import { DEFAULT_QUEUE_CONFIG, queueConfigChange, type QueueConfig } from '#domain/waiting-room/queue-config';
import { saleOpensAt } from '#domain/waiting-room/sale-opening';
import type { Clock } from '#platform/clock';
import type { Ids } from '#platform/ids';
import type { QueueConfigAudit, QueueConfigAuditEntry, QueueConfigStore, SaleOpenings } from './ports';

/** Who makes an admin change, for its audit entry. */
export interface ChangedBy {
  userId: string;
  requestId: string;
}

/**
 * A concert's queue config and sale opening, cached in the process for a few seconds: the join path must stay one
 * Redis round trip, and an admin's change reaches every Lambda within CACHE_MS (plus one read).
 */
const CACHE_MS = 2_000;

interface Cached<T> {
  known?: { value: T };
  until: number;
  /** The one read in flight: concurrent joins share it instead of each reading the store when the entry lapses. */
  loading?: Promise<T>;
}

export interface QueueSettingsDeps {
  store: QueueConfigStore;
  openings: SaleOpenings;
  clock: Clock;
  audit: QueueConfigAudit;
  ids: Ids;
}

export type QueueSettings = ReturnType<typeof queueSettings>;

export function queueSettings(deps: QueueSettingsDeps) {
  const { store, openings: openingsSource, clock, audit, ids } = deps;
  const configs = new Map<string, Cached<QueueConfig>>();
  const openings = new Map<string, Cached<Date | undefined>>();

  async function cached<T>(map: Map<string, Cached<T>>, concertId: string, load: () => Promise<T>): Promise<T> {
    const entry = map.get(concertId) ?? { until: 0 };
    map.set(concertId, entry);
    if (entry.known && entry.until > clock.now().getTime()) return entry.known.value;
    entry.loading ??= load()
      .then((value) => {
        entry.known = { value };
        entry.until = clock.now().getTime() + CACHE_MS;
        return value;
      })
      .finally(() => (entry.loading = undefined));
    if (!entry.known) return entry.loading;
    // A lapsed value keeps serving while its refresh runs, so a rush never queues behind the store; a failed
    // refresh is retried by the next call.
    entry.loading.catch(() => undefined);
    return entry.known.value;
  }

  async function save(concertId: string, config: QueueConfig): Promise<QueueConfig> {
    await store.write(concertId, config);
    configs.delete(concertId);
    return config;
  }

  return {
    async config(concertId: string): Promise<QueueConfig> {
      return cached(configs, concertId, async () => (await store.read(concertId)) ?? DEFAULT_QUEUE_CONFIG);
    },

    async opensAt(concertId: string): Promise<Date | undefined> {
      return cached(openings, concertId, async () => saleOpensAt(await openingsSource.policyTimes(concertId)));
    },

    save,

    /**
     * An admin's change (the PUT): saved, then audited as PAUSED, RESUMED or UPDATED against the stored config. Every
     * Lambda sees it within CACHE_MS, so a pause stops admission within about two ticks.
     */
    async change(concertId: string, config: QueueConfig, by: ChangedBy): Promise<QueueConfig> {
      const before = (await store.read(concertId)) ?? DEFAULT_QUEUE_CONFIG;
      await save(concertId, config);
      const at = clock.now().toISOString();
      await audit.record({ auditId: ids.next(), concertId, userId: by.userId, requestId: by.requestId, at, change: queueConfigChange(before, config), config });
      return config;
    },

    /** The audit trail of one concert's config, newest first. */
    changes(concertId: string, limit = 50): Promise<QueueConfigAuditEntry[]> {
      return audit.list(concertId, limit);
    },
  };
}
