import { can } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import {
  type BatchExportRequest,
  batchExportMaxTables,
  batchExportRequestSchema,
} from '@jixiao/core/export/batch-export.schema';
import { officialLayout } from '@jixiao/core/export/official-layout';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { ZipStream } from '@jixiao/export/export-zip';
import { contentDisposition, documentFileName } from '@jixiao/export/layout-document';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, signedIn, tableResourceIn } from '../auth/authorize.ts';

/**
 * Files printed ahead of the one being written. PDFs wait for the chromium page pool anyway (layout-pdf.ts,
 * two pages); two in flight keep it busy without holding more of the batch in memory.
 */
const RENDER_AHEAD = 2;

/**
 * Unknown and unreadable tables get the same answer, so a batch cannot be used to probe which ids exist;
 * the path says which of the ids it was.
 */
function notExportable(id: string, index: number): AppError {
  return new AppError(
    'table.not_found',
    `找不到绩效目标表（${id}），或您无权查看；没有导出任何表`,
    `No target table ${id} that you may read; nothing was exported`,
    { path: `ids.${index}` },
  );
}

/** A user's second batch while the first still prints: 429, and nothing is read or printed. */
function batchRunning(): AppError {
  return new AppError(
    'export.batch_running',
    '您的一个批量导出仍在进行，请等它完成或取消后再试',
    'A batch export of yours is still running; try again once it has finished or been cancelled',
  );
}

/** Every requested table, once each and in request order, after checking that the caller may read it. */
async function readableTables(
  request: FastifyRequest,
  db: Database,
  body: BatchExportRequest,
): Promise<TableRecord[]> {
  const tables = createTableRepository(db);
  const organisations = await listOrganisations(db);
  const seen = new Set<string>();
  const records: TableRecord[] = [];
  for (const [index, id] of body.ids.entries()) {
    const key = id.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    let record: TableRecord;
    try {
      record = await tables.get(id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'table.not_found') throw notExportable(id, index);
      throw error;
    }
    // The single export's check (assertCanTable with table.read), with the organisation tree read once.
    if (!can(request.user, 'table.read', tableResourceIn(record, organisations)))
      throw notExportable(id, index);
    records.push(record);
  }
  return records;
}

/** The zip's own name: 绩效目标表-3张.zip, or target-tables-3.zip in English. */
export function batchZipName(count: number, locale: 'zh' | 'en'): string {
  return locale === 'zh' ? `绩效目标表-${count}张.zip` : `target-tables-${count}.zip`;
}

/**
 * Batch export (批量导出): the official forms of up to 200 tables in one .zip, one file per table named as
 * the single export names it, streamed as they are printed. Signed-in users only (anonymous visitors
 * download published tables one by one from the portal); each table passes the single export's read
 * policy before anything is printed, or nothing is exported.
 * Single exports are not audited (reading is not logged anywhere), so neither is this.
 * One running batch per user: every batch prints through the same two-page PDF pool, so one user's
 * several batches would queue everybody else's behind them. The slot is this process's (a second server
 * process keeps its own) and is freed when the batch stops printing: done, failed, refused, or the
 * download closed by the client.
 */
export const exportBatchRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Ids of the users with a batch still printing. */
  const running = new Set<string>();

  app.post(
    '/tables/export',
    {
      onRequest: signedIn,
      schema: {
        tags: ['export'],
        summary: `Several tables' official printed forms (PDF, Excel or Word) in one .zip (1 to ${batchExportMaxTables} tables)`,
        description:
          'One batch per user at a time: a second request while the first is still printing gets 429 export.batch_running.',
        body: batchExportRequestSchema,
      },
    },
    async (request, reply) => {
      const userId = requireUser(request).id;
      // Checked and taken with no await in between, so two simultaneous requests cannot both pass.
      if (running.has(userId)) throw batchRunning();
      running.add(userId);
      // Until the printing loop owns the slot, any way out of this handler frees it.
      let handedOver = false;
      try {
        const { format, locale } = request.body;
        const records = await readableTables(request, app.db, request.body);
        const render = async (record: TableRecord): Promise<{ name: string; bytes: Uint8Array }> => {
          const layout = officialLayout(record.table, locale);
          const document = await app.documents.render(layout, format);
          return {
            name: documentFileName([record.table.name, `${record.table.year}`, layout.title], format),
            bytes: document.body,
          };
        };
        const zip = new ZipStream();
        // A client that closes the download stops the batch, also before the first byte was sent (fastify
        // destroys the body of a closed response as well; this does not depend on when that happens).
        const stopWhenGone = () => {
          if (zip.open && !reply.raw.writableFinished) zip.abort(new Error('the client closed the download'));
        };
        reply.raw.once('close', stopWhenGone);
        // The first file before any byte is sent: when nothing can be printed (no chromium, say) the caller
        // still gets a problem+json answer, not a broken download.
        const first = await render(records[0] as TableRecord);
        if (reply.raw.destroyed) stopWhenGone();
        const writeRest = async () => {
          const ahead: Promise<{ name: string; bytes: Uint8Array }>[] = [];
          try {
            await zip.add(first.name, first.bytes);
            let next = 1;
            const fill = () => {
              while (ahead.length < RENDER_AHEAD && next < records.length) {
                const printing = render(records[next++] as TableRecord);
                // Handled where it is awaited, in order; this keeps a later failure from being "unhandled".
                printing.catch(() => undefined);
                ahead.push(printing);
              }
            };
            fill();
            // A client that gave up is not worth printing the rest of 200 tables for.
            while (ahead.length > 0 && zip.open) {
              const file = await (ahead.shift() as Promise<{ name: string; bytes: Uint8Array }>);
              fill();
              await zip.add(file.name, file.bytes);
            }
            if (zip.open) zip.end();
          } catch (error) {
            request.log.error({ err: error }, 'batch export failed after the download started');
            zip.abort(error instanceof Error ? error : new Error(String(error)));
          } finally {
            // Files already printing when the loop stopped still hold pool pages: the batch runs until they end.
            await Promise.allSettled(ahead);
          }
        };
        handedOver = true;
        // writeRest does not throw: a failure breaks the download inside it.
        void writeRest().finally(() => running.delete(userId));
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', contentDisposition(batchZipName(records.length, locale)))
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(zip.output);
      } finally {
        if (!handedOver) running.delete(userId);
      }
    },
  );
};
