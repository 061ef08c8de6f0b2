import type { Capability } from './types';
import { foundation } from './foundation';
import { auth } from './auth';
import { catalog } from './catalog';
import { reservations } from './reservations';
import { waitingRoom } from './waiting-room';
import { payments } from './payments';
import { lab } from './lab';
import { abuse } from './abuse';
import { lifecycle } from './lifecycle';
import { saleStats } from './sale-stats';
import { domainEvents } from './domain-events';

/** Every capability the system deploys. Each owns its file; this list only gathers them. */
export const capabilities: Capability[] = [foundation, auth, catalog, reservations, waitingRoom, payments, lifecycle, abuse, saleStats, domainEvents, lab];
