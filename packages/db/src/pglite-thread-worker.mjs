// The worker thread that runs PGlite for pglite-thread.ts. PGlite is PostgreSQL compiled to WebAssembly and
// runs in the thread that calls it: a statement that takes a second (saving a table at the schema's limits,
// publishing it, a migration) would hold every other request of the server for that second. Here it holds
// only this thread. Plain JavaScript, so the thread starts without the TypeScript loader.
import { readlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** An error as plain data: its class is lost across threads, its fields (code, detail, constraint…) are kept. */
function plainError(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return { ...fields, name: error.name, message: error.message };
}

const blobOf = (bytes) => (bytes ? new Blob([bytes]) : undefined);

const client = await PGlite.create({
  ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}),
  ...(workerData.loadDataDir ? { loadDataDir: blobOf(workerData.loadDataDir) } : {}),
  // Trigram similarity for the similar-project search (migration 20261219100000).
  extensions: { pg_trgm },
  // Same value types as node-postgres: int8 and numeric as numbers.
  parsers: { 20: (value) => Number(value), 1700: (value) => Number(value) },
});

const operations = {
  async query({ sql, params, blob }) {
    const result = await client.query(sql, params ?? [], blob ? { blob: blobOf(blob) } : undefined);
    return { rows: result.rows, affectedRows: result.affectedRows };
  },
  async exec({ sql }) {
    await client.exec(sql);
    return null;
  },
  async dump() {
    const dump = await client.dumpDataDir('none');
    return new Uint8Array(await dump.arrayBuffer());
  },
  async close() {
    if (!client.closed) await client.close();
    return null;
  },
};

parentPort.on('message', async ({ id, op, ...input }) => {
  try {
    const value = await operations[op](input);
    // A dump is moved, not copied: it is megabytes.
    parentPort.postMessage({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
    if (op === 'close') parentPort.close();
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: plainError(error) });
  }
});
/** This thread's id in the OS (Linux: /proc/thread-self is `pid/task/tid`), or null elsewhere. */
function osThreadId() {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || null;
  } catch {
    return null;
  }
}

parentPort.postMessage({ id: 0, ok: true, value: { osThreadId: osThreadId() } });
