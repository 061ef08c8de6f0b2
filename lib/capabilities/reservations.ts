import type { Capability } from './types';

export const reservations: Capability = {
  name: 'reservations',
};
