import { parseFile } from '@jixiao/import/parse-file';
import { checkTables, classifyError, type Outcome } from './check-output.ts';

// A child process of `npm run fuzz`: imports one input per message and answers with what came out. The
// parent kills it when an input runs past the time limit, so a hang cannot stop the run.

export interface WorkerRequest {
  index: number;
  name: string;
  bytes: Uint8Array;
}

export interface WorkerAnswer {
  index: number;
  ms: number;
  outcome: Outcome;
}

process.on('message', async (message: WorkerRequest) => {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const parsed = await parseFile({ name: message.name, bytes: message.bytes });
    outcome = { kind: 'tables', tables: parsed.tables.length, invalid: checkTables(parsed) };
  } catch (error) {
    outcome = classifyError(error);
  }
  const answer: WorkerAnswer = { index: message.index, ms: performance.now() - started, outcome };
  process.send?.(answer);
});
process.send?.({ ready: true });
