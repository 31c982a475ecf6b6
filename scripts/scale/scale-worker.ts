/** A worker thread of `npm run scale -- --workers N`: generates and copies one share of the tables. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildWorld } from './generate.ts';
import { loadShare } from './scale-data.ts';
import { loadVocabulary } from './vocabulary.ts';

const data = workerData as {
  url: string;
  tables: number;
  seed: number;
  worker: number;
  workers: number;
  from: number;
};
const world = buildWorld({ tables: data.tables, seed: data.seed, vocabulary: loadVocabulary() });
const result = await loadShare(data.url, world, data, (tables) => parentPort!.postMessage({ tables }));
parentPort!.postMessage({ result });
