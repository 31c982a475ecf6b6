import { availableParallelism } from 'node:os';
import { AppError } from '@jixiao/core/errors/app-error';
import Tinypool from 'tinypool';
import type { MappedTable } from '../mapping/mapped-table.ts';
import type { LayoutToMatch } from '../mapping/template-region.ts';
import type { MapInput, ParsedUpload, TaskAnswer } from './parse-worker.ts';

/** Limits of one parse in the pool; a real form reads in well under a second. */
export interface ParseLimits {
  /** Wall time of one parse from when a worker takes it, in milliseconds. */
  timeLimitMs: number;
  /** JavaScript heap of one worker, in MiB (a 5 MiB workbook of a million rows needs over a gigabyte). */
  memoryLimitMb: number;
  /** Parses that run at once; more wait for a worker. */
  threads: number;
  /** Uploads that may wait for a worker; one more is refused with `import.busy`. */
  maxWaiting: number;
}

export const defaultParseLimits: ParseLimits = {
  timeLimitMs: 20_000,
  memoryLimitMb: 512,
  // Leave a core to the event loop that answers every other request.
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  maxWaiting: 32,
};

export interface ParsePool {
  /**
   * Reads one file in a worker thread; refused with a located AppError when it breaks a limit.
   * `keepUnread` is parseFile's option: a file no reader recognises but that holds table rows is kept.
   * With `layouts` (the uploader's saved templates) the same task finds the one that best reads the file.
   */
  parse(input: {
    name: string;
    bytes: Uint8Array;
    keepUnread?: boolean;
    layouts?: readonly LayoutToMatch[];
  }): Promise<ParsedUpload>;
  /** A previewed upload's source read through a column mapping, in a worker under the same limits. */
  map(name: string, input: MapInput): Promise<MappedTable>;
  /** Settles when every worker has loaded the readers (tests wait for it before they time anything). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

function tooSlow(name: string, limits: ParseLimits): AppError {
  const seconds = limits.timeLimitMs / 1000;
  return new AppError(
    'import.too_slow',
    `读取“${name}”超过 ${seconds} 秒，已停止：文件可能过大或结构异常（如极长的行、大量空格或数字），请删减后再导入`,
    `Reading "${name}" took over ${seconds} s and was stopped: the file may be too large or unusually built (very long lines, long runs of spaces or digits); trim it and import again`,
    // The upload's form field, so the API's problem says where as well as the CLI.
    { file: name, path: 'file' },
  );
}

function tooMuchMemory(name: string, limits: ParseLimits): AppError {
  return new AppError(
    'import.too_large',
    `读取“${name}”需要超过 ${limits.memoryLimitMb} MiB 内存，已停止：请拆分文件（如每个工作表只保留绩效目标表）后再导入`,
    `Reading "${name}" needed more than ${limits.memoryLimitMb} MiB of memory and was stopped: split the file (e.g. keep only the target table's sheet) and import again`,
    { file: name, path: 'file' },
  );
}

function busy(): AppError {
  return new AppError(
    'import.busy',
    '正在读取的上传文件过多，请稍后再试',
    'Too many uploads are being read; try again in a moment',
    { path: 'file' },
  );
}

/** A counting semaphore: the time limit starts when a worker is free, not while the upload waits for one. */
function slots(size: number, maxWaiting: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (running < size) {
        running++;
        return;
      }
      if (waiting.length >= maxWaiting) throw busy();
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else running--;
    },
  };
}

/**
 * Parses uploads in worker threads (tinypool) so that no file, however hostile, holds the server's event
 * loop: a parse past its wall time is stopped by terminating its worker (`import.too_slow`, 422), one past
 * its heap limit dies in its worker (`import.too_large`, 413), and the pool starts a fresh worker.
 */
export function createParsePool(overrides: Partial<ParseLimits> = {}): ParsePool {
  const limits = { ...defaultParseLimits, ...overrides };
  const pool = new Tinypool({
    filename: new URL('./parse-worker-entry.mjs', import.meta.url).href,
    minThreads: limits.threads,
    maxThreads: limits.threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    resourceLimits: {
      maxOldGenerationSizeMb: limits.memoryLimitMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.memoryLimitMb / 8)),
    },
  });
  const gate = slots(limits.threads, limits.maxWaiting);
  // Every worker loads the parser before its first file; a terminated one is replaced and loads it again.
  // Parses wait for that, so the time limit measures reading the file, not starting a worker.
  const warmUp = (workers: number) =>
    Promise.all(
      Array.from({ length: workers }, () => pool.run(undefined, { name: 'warmUp' }).catch(() => undefined)),
    ).then(() => undefined);
  let warm = warmUp(limits.threads);

  /** Runs one task in a worker: its slot, its time limit, and its limits' errors located in `name`. */
  async function run<T>(task: string, name: string, input: unknown): Promise<T> {
    await gate.acquire();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      await warm;
      timer = setTimeout(() => abort.abort(), limits.timeLimitMs);
      const answer = (await pool.run(input, { name: task, signal: abort.signal })) as TaskAnswer<T>;
      if (answer.ok) return answer.value;
      const { code, zh, en, location, details } = answer.error;
      throw new AppError(code, zh, en, location, details);
    } catch (error) {
      if (abort.signal.aborted) {
        warm = warmUp(1);
        throw tooSlow(name, limits);
      }
      if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        warm = warmUp(1);
        throw tooMuchMemory(name, limits);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      gate.release();
    }
  }

  return {
    parse: (input) => run('default', input.name, input),
    map: (name, input) => run('mapInWorker', name, input),
    async ready() {
      await warm;
    },
    async close() {
      await warm;
      await pool.destroy();
    },
  };
}
