// The parse pool's worker entry. The packages are TypeScript run through tsx, and Node 20 does not give a
// worker thread the loader hooks of its parent, so the worker registers tsx itself before loading the parser.
import { constants, setPriority } from 'node:os';
import { register } from 'tsx/esm/api';

// On Linux a thread has its own nice value: parsing yields the CPU to the thread that answers requests.
try {
  setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted on this system: parse at normal priority.
}
register();
const worker = await import('./parse-worker.ts');

export default worker.default;
export const warmUp = worker.warmUp;
export const mapInWorker = worker.mapInWorker;
