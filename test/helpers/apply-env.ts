import { inject } from 'vitest';

// Handlers read their configuration from process.env, exactly as in Lambda.
Object.assign(process.env, inject('localEnv'));
