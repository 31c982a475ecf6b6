import { parseFile } from '@jixiao/import/parse-file';
import { checkTables, classifyError, type Outcome } from './check-output.ts';

// A child process of `npm run fuzz`: imports one input per message and answers with what came out. The
// parent kills it when an input runs past the time limit, so a hang cannot stop the run.

export interface WorkerRequest {
  index: number;
  name: string;
  bytes: Uint8Array;
  /** Above this many milliseconds the input is timed a second time. */
  slowMs: number;
}

export interface WorkerAnswer {
  index: number;
  ms: number;
  outcome: Outcome;
}

async function run(message: WorkerRequest): Promise<{ ms: number; outcome: Outcome }> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const parsed = await parseFile({ name: message.name, bytes: message.bytes });
    outcome = { kind: 'tables', tables: parsed.tables.length, invalid: checkTables(parsed) };
  } catch (error) {
    outcome = classifyError(error);
  }
  return { ms: performance.now() - started, outcome };
}

process.on('message', async (message: WorkerRequest) => {
  let { ms, outcome } = await run(message);
  // On a shared machine a run can be slow because another process had the CPU: a slow input is timed
  // again and its faster time counts, so what is reported slow is slow on its own.
  if (ms > message.slowMs) ms = Math.min(ms, (await run(message)).ms);
  const answer: WorkerAnswer = { index: message.index, ms, outcome };
  process.send?.(answer);
});
process.send?.({ ready: true });
