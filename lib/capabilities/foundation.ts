import type { Capability } from './types';

export const foundation: Capability = {
  name: 'foundation',
};
