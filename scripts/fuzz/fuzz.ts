import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Outcome } from './check-output.ts';
import type { WorkerAnswer, WorkerRequest, WorkerSetup } from './fuzz-worker.ts';
import { type FuzzInput, fuzzInput, type Seed } from './mutate.ts';

// npm run fuzz -- --count N --seconds S: the importer (parseFile, the same entry the upload and the CLI use)
// on mutated corpus documents, each in a child process that is killed past the time limit. Counts uncaught
// errors, refusals without a location, slow inputs and tables that break core's schema; writes each bad
// input to test-output/fuzz/ with the mutations that made it. Exit 1 when any is found.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    from: { type: 'string', default: '0' },
    workers: { type: 'string' },
    'slow-ms': { type: 'string', default: '1000' },
    'kill-ms': { type: 'string', default: '10000' },
    'max-bytes': { type: 'string', default: String(1024 * 1024) },
    out: { type: 'string', default: join(root, 'test-output/fuzz') },
    corpus: { type: 'string', multiple: true },
  },
});

const count = Number(values.count);
const budgetMs = Number(values.seconds) * 1000;
const seed = Number(values.seed);
const from = Number(values.from);
const workerCount = Number(values.workers ?? Math.max(1, Math.min(2, cpus().length)));
const slowMs = Number(values['slow-ms']);
const killMs = Number(values['kill-ms']);
const maxBytes = Number(values['max-bytes']);
const outDir = values.out;
const corpusDirs = values.corpus ?? [
  join(root, 'packages/import/fixtures/corpus/train'),
  join(root, '../shared/corpus/dev'),
];

function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const dir of corpusDirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!/\.(txt|json)$/.test(name)) continue;
      seeds.push({ name: `${basename(dir)}/${name}`, text: readFileSync(join(dir, name), 'utf8') });
    }
  }
  return seeds;
}

interface Totals {
  inputs: number;
  tables: number;
  tablesInvalid: number;
  inputsWithInvalidTables: number;
  rejected: number;
  rejectedUnlocated: number;
  uncaught: number;
  slow: number;
  killed: number;
  maxMs: number;
  totalMs: number;
  codes: Record<string, number>;
}

const totals: Totals = {
  inputs: 0,
  tables: 0,
  tablesInvalid: 0,
  inputsWithInvalidTables: 0,
  rejected: 0,
  rejectedUnlocated: 0,
  uncaught: 0,
  slow: 0,
  killed: 0,
  maxMs: 0,
  totalMs: 0,
  codes: {},
};
const findings: { index: number; kind: string; ms: number; mutations: string[]; detail: unknown }[] = [];
const maxFindingsKept = 200;

function keep(index: number, kind: string, ms: number, detail: unknown): void {
  if (findings.length >= maxFindingsKept) return;
  const input = inputAt(index);
  findings.push({ index, kind, ms: Math.round(ms), mutations: input.mutations, detail });
  const dir = join(outDir, kind);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${index}-${input.name}`), input.bytes);
}

// The children make the inputs; the parent makes one again only to keep a failing input's bytes.
let seedList: Seed[] = [];
const inputAt = (index: number): FuzzInput => fuzzInput(seedList, seed, index, maxBytes);

function record(index: number, ms: number, outcome: Outcome | null): void {
  totals.inputs++;
  totals.totalMs += ms;
  totals.maxMs = Math.max(totals.maxMs, ms);
  if (outcome === null) {
    totals.killed++;
    totals.slow++;
    keep(index, 'slow', ms, 'killed at the time limit');
    return;
  }
  if (ms > slowMs) {
    totals.slow++;
    keep(index, 'slow', ms, null);
  }
  if (outcome.kind === 'tables') {
    totals.tables += outcome.tables;
    if (outcome.invalid.length > 0) {
      totals.inputsWithInvalidTables++;
      totals.tablesInvalid += new Set(outcome.invalid.map((p) => p.table)).size;
      keep(index, 'invalid', ms, outcome.invalid.slice(0, 10));
    }
  } else if (outcome.kind === 'rejected') {
    totals.rejected++;
    totals.codes[outcome.code] = (totals.codes[outcome.code] ?? 0) + 1;
    if (!outcome.located) {
      totals.rejectedUnlocated++;
      keep(index, 'unlocated', ms, outcome.code);
    }
  } else {
    totals.uncaught++;
    keep(index, 'uncaught', ms, outcome);
  }
}

interface Slot {
  child: ChildProcess;
  busy: { index: number; started: number; timer: NodeJS.Timeout } | null;
}

function startChild(): Promise<ChildProcess> {
  const child = fork(join(root, 'scripts/fuzz/fuzz-worker.ts'), [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=1024'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const setup: WorkerSetup = { seeds: seedList, seed, maxBytes, slowMs };
  child.send(setup);
  return new Promise((resolveReady, reject) => {
    child.once('message', () => resolveReady(child));
    child.once('error', reject);
  });
}

let seedCount = 0;
const startedAt = Date.now();

async function main(): Promise<void> {
  const seeds = loadSeeds();
  seedList = seeds;
  seedCount = seeds.length;
  if (seeds.length === 0) throw new Error(`no corpus documents in ${corpusDirs.join(', ')}`);
  const started = startedAt;
  let next = from;
  const end = from + count;
  const outOfTime = () => budgetMs > 0 && Date.now() - started > budgetMs;
  let lastReport = Date.now();
  const progress = () => {
    if (Date.now() - lastReport < 10_000) return;
    lastReport = Date.now();
    // A long run keeps its figures on disk as it goes, so a run that is stopped hard still leaves them.
    writeReport(started);
    const rate = totals.inputs / ((Date.now() - started) / 1000);
    process.stderr.write(
      `fuzz: ${totals.inputs} inputs (${rate.toFixed(0)}/s), uncaught ${totals.uncaught}, invalid tables ${totals.tablesInvalid}, unlocated ${totals.rejectedUnlocated}, slow ${totals.slow}\n`,
    );
  };

  await new Promise<void>((done) => {
    let running = 0;
    const dispatch = (slot: Slot) => {
      if (next >= end || outOfTime()) {
        slot.child.kill();
        if (--running === 0) done();
        return;
      }
      const index = next++;
      const request: WorkerRequest = { index };
      const timer = setTimeout(async () => {
        // Past the limit: the child may be stuck in a loop, so it is killed and replaced.
        const elapsed = performance.now() - (slot.busy?.started ?? 0);
        slot.child.removeAllListeners('message');
        slot.child.kill('SIGKILL');
        record(index, elapsed, null);
        slot.busy = null;
        slot.child = await startChild();
        listen(slot);
        dispatch(slot);
      }, killMs);
      slot.busy = { index, started: performance.now(), timer };
      slot.child.send(request);
    };
    const listen = (slot: Slot) => {
      slot.child.on('message', (answer: WorkerAnswer) => {
        const busy = slot.busy;
        if (!busy || answer.index !== busy.index) return;
        clearTimeout(busy.timer);
        slot.busy = null;
        record(busy.index, answer.ms, answer.outcome);
        progress();
        dispatch(slot);
      });
      slot.child.on('exit', (code, signal) => {
        const busy = slot.busy;
        if (!busy || signal === 'SIGKILL') return;
        // The child died on its own (out of memory, a native crash): an uncaught failure of that input.
        clearTimeout(busy.timer);
        slot.busy = null;
        const ms = performance.now() - busy.started;
        record(busy.index, ms, {
          kind: 'uncaught',
          name: 'ProcessExit',
          message: `worker exited (code ${code}, signal ${signal})`,
          stack: '',
        });
        void startChild().then((child) => {
          slot.child = child;
          listen(slot);
          dispatch(slot);
        });
      });
    };
    void Promise.all(Array.from({ length: workerCount }, startChild)).then((children) => {
      running = children.length;
      for (const child of children) {
        const slot: Slot = { child, busy: null };
        listen(slot);
        dispatch(slot);
      }
    });
  });

  finish(started);
}

function summary(started: number) {
  const seconds = (Date.now() - started) / 1000;
  return {
    seed,
    from,
    seeds: seedCount,
    seconds: Math.round(seconds),
    workers: workerCount,
    slowMs,
    killMs,
    ...totals,
    inputsPerSecond: seconds > 0 ? Number((totals.inputs / seconds).toFixed(1)) : 0,
    meanMs: totals.inputs ? Number((totals.totalMs / totals.inputs).toFixed(2)) : 0,
    maxMs: Math.round(totals.maxMs),
    totalMs: undefined,
    findings: findings.slice(0, 50),
  };
}

function writeReport(started: number): ReturnType<typeof summary> {
  const report = summary(started);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

function finish(started: number): never {
  const { findings: _f, ...report } = writeReport(started);
  console.log(JSON.stringify(report, null, 2));
  const failed = totals.uncaught + totals.tablesInvalid + totals.rejectedUnlocated + totals.slow > 0;
  if (failed) console.error(`fuzz: failures found; inputs and report in ${outDir}`);
  process.exit(failed ? 1 : 0);
}

// A run stopped early (Ctrl-C, kill) still writes its figures.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => finish(startedAt));

await main();
