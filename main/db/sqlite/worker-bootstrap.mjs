// Starts a TypeScript worker module when TaskDesk runs from its sources (tests,
// or a checkout whose bundle was not built): a worker does not inherit the
// main thread's tsx loader, so it registers its own first. The bundle starts
// its compiled worker directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
