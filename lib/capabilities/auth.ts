import type { Capability } from './types';

export const auth: Capability = {
  name: 'auth',
};
