import { parseFile } from '@jixiao/import/parse-file';
import { checkTables, classifyError, type Outcome } from './check-output.ts';
import { type FuzzInput, fuzzInput, type Seed } from './mutate.ts';

// A child process of `npm run fuzz`: makes and imports one input per message and answers with what came
// out. The inputs are made here from (seed, index), not sent by the parent, so that the parent's single
// thread neither mutates nor copies megabytes per input and the children run at the speed of the importer.
// The parent kills a child when an input runs past the time limit, so a hang cannot stop the run.

/** The first message: the corpus documents and how inputs are made from them. */
export interface WorkerSetup {
  seeds: Seed[];
  seed: number;
  maxBytes: number;
  /** Above this many milliseconds the input is timed a second time. */
  slowMs: number;
}

export interface WorkerRequest {
  index: number;
}

export interface WorkerAnswer {
  index: number;
  ms: number;
  outcome: Outcome;
}

/**
 * How long one input took: the smaller of its wall time and this process's CPU time. On a shared machine
 * the wall time grows with everyone else's load (at load 20 on 2 cores a 0.2 s input takes 2 s), while
 * the CPU time does not; the CPU time in turn counts the collector's helper threads, which the wall time
 * does not. The smaller is what the importer itself cost.
 */
async function run(input: FuzzInput): Promise<{ ms: number; outcome: Outcome }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let outcome: Outcome;
  try {
    const parsed = await parseFile({ name: input.name, bytes: input.bytes });
    outcome = { kind: 'tables', tables: parsed.tables.length, invalid: checkTables(parsed) };
  } catch (error) {
    outcome = classifyError(error);
  }
  const { user, system } = process.cpuUsage(cpu);
  return { ms: Math.min(performance.now() - started, (user + system) / 1000), outcome };
}

let setup: WorkerSetup | null = null;

process.on('message', async (message: WorkerSetup | WorkerRequest) => {
  if ('seeds' in message) {
    setup = message;
    process.send?.({ ready: true });
    return;
  }
  if (!setup) throw new Error('fuzz worker: a request came before the setup');
  const input = fuzzInput(setup.seeds, setup.seed, message.index, setup.maxBytes);
  let { ms, outcome } = await run(input);
  // A slow first run may be the code's first compilation or a collection of earlier inputs' garbage: a
  // slow input is timed again and its faster time counts, so what is reported slow is slow on its own.
  if (ms > setup.slowMs) ms = Math.min(ms, (await run(input)).ms);
  const answer: WorkerAnswer = { index: message.index, ms, outcome };
  process.send?.(answer);
});
