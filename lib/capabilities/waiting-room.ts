import type { Capability } from './types';

export const waitingRoom: Capability = {
  name: 'waiting-room',
};
