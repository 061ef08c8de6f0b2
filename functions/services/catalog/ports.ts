import type { Agency, Artist, Concert, Seat, Show, StoredSalesPolicy, Venue } from '#domain/catalog/types';
import type { ConcertListing } from '#domain/catalog/search-concerts';
import type { ShowLayout } from '#domain/catalog/availability';
import type { ConcertDetailParts } from '#domain/catalog/concert-detail';
import type { Clock } from '#platform/clock';
import type { Ids } from '#platform/ids';
import type { AvailabilityStore } from '#services/ports/seat-availability';

/** The ports the catalog services use; adapters live in functions/adapters/{dynamo,redis}/catalog*. */
export interface Entities {
  ARTIST: Artist;
  AGENCY: Agency;
  VENUE: Venue;
  CONCERT: Concert;
}
export type EntityKind = keyof Entities;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a concert creation under an Idempotency-Key planned: replays and retries reuse the same ids. */
export interface CreationClaim {
  fingerprint: string;
  concertId: string;
  showIds: string[];
}

export interface CatalogStore {
  /** Conditional create; false when an item with this id already exists. */
  create<K extends EntityKind>(kind: K, entity: Entities[K]): Promise<boolean>;
  get<K extends EntityKind>(kind: K, id: string): Promise<Entities[K] | undefined>;
  /** Applies the changes to an existing item; undefined when there is none. */
  update<K extends EntityKind>(kind: K, id: string, changes: Partial<Entities[K]>): Promise<Entities[K] | undefined>;
  remove(kind: EntityKind, id: string): Promise<void>;
  /** Ordered by name (concerts by id). Throws VALIDATION_FAILED naming `cursor` for a cursor it did not issue. */
  list<K extends EntityKind>(kind: K, limit: number, cursor?: string): Promise<Page<Entities[K]>>;
  listAll<K extends EntityKind>(kind: K): Promise<Entities[K][]>;
  putShow(concert: Concert, show: Show, seatCount: number): Promise<void>;
  removeShow(concertId: string, showId: string): Promise<void>;
  /** Any reservation item (GSI2 `CONCERT#<id>`), whatever its status. */
  hasReservations(concertId: string): Promise<boolean>;
  salesPolicy(concertId: string): Promise<StoredSalesPolicy | undefined>;
  salesPolicies(concertIds: string[]): Promise<Map<string, StoredSalesPolicy>>;
  removeSalesPolicy(concertId: string): Promise<void>;
  /** Records `claim` under the key unless one exists; returns whichever claim is stored. */
  claimCreation(idempotencyKey: string, claim: CreationClaim): Promise<CreationClaim>;
}

export interface SeatStore {
  existingSeatIds(showId: string): Promise<Set<string>>;
  /** Unconditional batched puts: callers pass only seats that do not exist yet. */
  putSeats(seats: Seat[]): Promise<void>;
  /** Every seat of a show, in no particular order. */
  seatsOfShow(showId: string): Promise<Seat[]>;
  /** One section's seats, reading only that section's partitions. */
  seatsOfSection(showId: string, section: string): Promise<Seat[]>;
  deleteSeats(showId: string): Promise<void>;
}

export interface JsonCache<T> {
  get(id: string): Promise<T | undefined>;
  set(id: string, value: T): Promise<void>;
  invalidate(ids: string[]): Promise<void>;
}

export interface ProjectionStore {
  /** Changes whenever the catalog changes; a projection is stored per version. */
  version(): Promise<string>;
  get(version: string): Promise<ConcertListing[] | undefined>;
  set(version: string, listings: ConcertListing[]): Promise<void>;
  invalidate(): Promise<void>;
}

export interface PopularityCounters {
  /** Live scores of the given concerts (0 when never bumped). */
  scores(concertIds: string[]): Promise<Map<string, number>>;
  /** Scores frozen for paging: the snapshot named, or the current one (taken now if none is recent). */
  snapshot(id?: string): Promise<{ id: string; scores: Map<string, number> } | undefined>;
  forget(concertId: string): Promise<void>;
}

/** Everything the catalog services use, wired once per cold start. Tests build their own with other parts (functions/composition/catalog.ts wires the real ones). */
export interface CatalogDeps {
  store: CatalogStore;
  seats: SeatStore;
  /** Layouts by `<concertId>/<showId>` (immutable). */
  layouts: JsonCache<ShowLayout>;
  availability: AvailabilityStore;
  details: JsonCache<ConcertDetailParts>;
  projection: ProjectionStore;
  popularity: PopularityCounters;
  clock: Clock;
  ids: Ids;
  /**
   * `CATALOG_CACHE=off` makes every read go to DynamoDB. Read per call, not at cold start, so the benchmark can
   * measure the uncached baseline in the same process as the cached run.
   */
  cacheEnabled: () => boolean;
  /** The projection as this container last read it, so an unchanged catalog costs no parse. */
  memo: { projection?: { version: string; listings: ConcertListing[]; loadedAt: number } };
}
