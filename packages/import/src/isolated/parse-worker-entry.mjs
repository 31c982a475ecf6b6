// The parse pool's worker entry. The packages are TypeScript run through tsx, and Node 20 does not give a
// worker thread the loader hooks of its parent, so the worker registers tsx itself before loading the parser.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./parse-worker.ts');

export default worker.default;
export const warmUp = worker.warmUp;
