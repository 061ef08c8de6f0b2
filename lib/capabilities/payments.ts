import type { Capability } from './types';

export const payments: Capability = {
  name: 'payments',
};
