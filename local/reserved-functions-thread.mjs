// The reserved functions' thread starts here: a worker thread does not inherit the TypeScript loader, so it registers
// tsx itself before loading the TypeScript side (./reserved-functions-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./reserved-functions-worker.ts');
