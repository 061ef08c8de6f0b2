import { monotonicFactory } from 'ulid';

export interface Ids {
  next(): string;
}

const ulid = monotonicFactory();

/** ULIDs: sortable by creation time, opaque to clients. */
export const ulids: Ids = { next: () => ulid() };
