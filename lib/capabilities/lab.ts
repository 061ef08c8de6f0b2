import type { Capability } from './types';

export const lab: Capability = {
  name: 'lab',
};
