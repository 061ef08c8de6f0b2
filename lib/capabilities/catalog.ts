import type { Capability } from './types';

export const catalog: Capability = {
  name: 'catalog',
};
