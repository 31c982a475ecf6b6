import { Worker } from 'node:worker_threads';
import { AppError } from '@jixiao/core/errors/app-error';
import type { ErrorCode } from '@jixiao/core/errors/error-codes';
import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import { type DocumentFormat, type RenderedDocument, renderDocument } from './layout-document.ts';

/** Renders printed forms away from the caller's event loop. */
export interface DocumentRenderer {
  render(
    layouts: OfficialLayout | readonly OfficialLayout[],
    format: DocumentFormat,
  ): Promise<RenderedDocument>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  ok: boolean;
  value?: { bytes: Uint8Array; contentType: string; extension: DocumentFormat };
  error?: { name?: string; message: string; code?: string; zh?: string; en?: string };
}

/**
 * HTML, Excel and Word are built in JavaScript: a table at the schema's limits takes the docx library over
 * a second of CPU, which on the server's thread would hold every other request that long. They are built
 * in one worker thread, started on first use and ended when idle. PDF stays here: chromium does its work
 * in its own process, and this thread only waits for it.
 */
export function createDocumentRenderer(options: { idleMs?: number } = {}): DocumentRenderer {
  const idleMs = options.idleMs ?? 60_000;
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();

  const stop = () => {
    const stopping = worker;
    worker = null;
    ready = null;
    return stopping?.terminate();
  };

  const start = (): Promise<void> => {
    const thread = new Worker(new URL('./render-thread-entry.mjs', import.meta.url));
    worker = thread;
    const failAll = (error: Error) => {
      if (worker === thread) {
        worker = null;
        ready = null;
      }
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    };
    thread.on('message', (reply: Reply) => {
      const call = pending.get(reply.id);
      pending.delete(reply.id);
      call?.resolve(reply);
    });
    thread.on('error', failAll);
    thread.on('exit', (code) => failAll(new Error(`the document renderer stopped (exit code ${code})`)));
    return new Promise<void>((resolve, reject) => {
      pending.set(0, { resolve: () => resolve(), reject });
    });
  };

  const send = async (layouts: unknown, format: DocumentFormat): Promise<Reply> => {
    clearTimeout(idleTimer);
    ready ??= start();
    await ready;
    const thread = worker as Worker;
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      thread.postMessage({ id, layouts, format });
    }).finally(() => {
      // The thread ends after a quiet minute, so a process that rendered once does not keep it forever.
      if (pending.size === 0) idleTimer = setTimeout(() => void stop(), idleMs).unref();
    });
  };

  return {
    async render(layouts, format) {
      if (format === 'pdf') return renderDocument(layouts, format);
      const reply = await send(layouts, format);
      if (!reply.ok || !reply.value) {
        const error = reply.error ?? { message: 'rendering failed' };
        if (error.code && error.zh && error.en)
          throw new AppError(error.code as ErrorCode, error.zh, error.en);
        throw new Error(error.message);
      }
      const { bytes, contentType, extension } = reply.value;
      return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType, extension };
    },
    async close() {
      clearTimeout(idleTimer);
      await stop();
    },
  };
}
