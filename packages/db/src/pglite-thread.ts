import { Worker } from 'node:worker_threads';

/** PGlite as the app uses it, running in a worker thread (pglite-thread-worker.mjs). */
export interface PgliteThread {
  query<R>(
    sql: string,
    params?: readonly unknown[],
    options?: { blob?: Blob },
  ): Promise<{ rows: R[]; affectedRows?: number }>;
  /** Runs a script of several statements (migrations, bulk loads). */
  exec(sql: string): Promise<void>;
  /** The data folder as an uncompressed tar (tests start their databases from a migrated one). */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
  readonly closed: boolean;
  /**
   * The thread's id in the OS (Linux), or null: its CPU time is in /proc/self/task/<id>/schedstat, which
   * is how tests tell how long a statement held the database from how long the machine made it wait.
   */
  readonly osThreadId: number | null;
}

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string } & Record<string, unknown>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Where the caller asked, so that a database error points at the caller's code, not at the thread. */
  origin: Error;
}

/**
 * Starts PGlite in a worker thread and answers once it is open. The server's own thread only sends SQL
 * and receives rows, so a slow statement holds the database, not the event loop that answers everyone else.
 * Rows cross as structured clones (dates, bytes, bigints keep their types); errors keep their fields
 * (`code`, `detail`, `constraint`…), which is all the app reads of them.
 */
export async function startPgliteThread(options: {
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
}): Promise<PgliteThread> {
  const worker = new Worker(new URL('./pglite-thread-worker.mjs', import.meta.url), {
    workerData: {
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir ? new Uint8Array(await options.loadDataDir.arrayBuffer()) : undefined,
    },
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  let failure: Error | null = null;

  // The thread keeps the process alive only while a call waits for it: a script that forgot to close its
  // database still ends, and one that awaits a query does not end before the answer.
  const idle = () => {
    if (pending.size === 0) worker.unref();
  };

  const failAll = (error: Error) => {
    failure ??= error;
    closed = true;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  worker.on('message', (reply: Reply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    idle();
    if (reply.ok) call.resolve(reply.value);
    else {
      const { name, message, ...fields } = reply.error ?? { name: 'Error', message: 'unknown error' };
      const error = Object.assign(new Error(message), fields);
      error.name = name;
      error.stack = `${name}: ${message}\n${call.origin.stack?.split('\n').slice(1).join('\n') ?? ''}`;
      call.reject(error);
    }
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the PGlite thread stopped (exit code ${code})`)));

  const call = <T>(op: string, input: Record<string, unknown> = {}, transfer: ArrayBuffer[] = []) =>
    new Promise<T>((resolve, reject) => {
      if (failure || closed) {
        reject(failure ?? new Error('the PGlite database is closed'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, origin: new Error() });
      worker.ref();
      worker.postMessage({ id, op, ...input }, transfer);
    });

  // The thread announces itself (id 0) once PGlite is open, or fails to open it.
  const { osThreadId } = await new Promise<{ osThreadId: number | null }>((resolve, reject) => {
    pending.set(0, {
      resolve: (value) => resolve(value as { osThreadId: number | null }),
      reject,
      origin: new Error(),
    });
  });

  return {
    async query<R>(sql: string, params: readonly unknown[] = [], options: { blob?: Blob } = {}) {
      const blob = options.blob ? new Uint8Array(await options.blob.arrayBuffer()) : undefined;
      return call<{ rows: R[]; affectedRows?: number }>(
        'query',
        { sql, params: [...params], ...(blob ? { blob } : {}) },
        blob ? [blob.buffer as ArrayBuffer] : [],
      );
    },
    async exec(sql: string) {
      await call('exec', { sql });
    },
    async dumpDataDir() {
      return new Blob([await call<Uint8Array<ArrayBuffer>>('dump')]);
    },
    async close() {
      if (closed) return;
      await call('close');
      closed = true;
      failure = new Error('the PGlite database is closed');
      await worker.terminate();
    },
    get closed() {
      return closed;
    },
    osThreadId,
  };
}
