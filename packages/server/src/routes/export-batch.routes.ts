import { can, organisationPath } from '@jixiao/core/accounts/policies';
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
import { contentDisposition, documentFileName, renderDocument } from '@jixiao/export/layout-document';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signedIn } from '../auth/authorize.ts';
import { batchExportMaxBytes, exportTooLarge, type ZipFile, zipFiles } from './export-zip.ts';

/**
 * Files rendered at once. PDFs wait for the chromium page pool anyway (layout-pdf.ts); two workers keep
 * that pool busy without queueing the whole batch's HTML in front of it.
 */
const RENDER_WORKERS = 2;

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
    const resource = {
      status: record.status,
      organisationPath: organisationPath(record.organisationId, organisations),
    };
    if (!can(request.user, 'table.read', resource)) throw notExportable(id, index);
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
 * the single export names it. Signed-in users only (anonymous visitors download published tables one by
 * one from the portal); each table passes the single export's read policy or nothing is exported.
 * Single exports are not audited (reading is not logged anywhere), so neither is this.
 */
export const exportBatchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/tables/export',
    {
      onRequest: signedIn,
      schema: {
        tags: ['export'],
        summary: `Several tables' official printed forms (PDF, Excel or Word) in one .zip (1 to ${batchExportMaxTables} tables)`,
        body: batchExportRequestSchema,
      },
    },
    async (request, reply) => {
      const { format, locale } = request.body;
      const records = await readableTables(request, app.db, request.body);
      const files: ZipFile[] = new Array(records.length);
      let total = 0;
      let next = 0;
      let stopped = false;
      const worker = async () => {
        // A failed file, or a client that gave up, is not worth printing the rest of 200 tables for.
        while (next < records.length && !stopped && !reply.raw.destroyed) {
          const index = next++;
          const table = (records[index] as TableRecord).table;
          const layout = officialLayout(table, locale);
          try {
            const document = await renderDocument(layout, format);
            total += document.body.byteLength;
            if (total > batchExportMaxBytes) throw exportTooLarge();
            files[index] = {
              name: documentFileName([table.name, `${table.year}`, layout.title], format),
              bytes: document.body,
            };
          } catch (error) {
            stopped = true;
            throw error;
          }
        }
      };
      const workers = Array.from({ length: Math.min(RENDER_WORKERS, records.length) }, worker);
      await Promise.all(workers);
      if (reply.raw.destroyed) return reply;
      const zip = zipFiles(files);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(batchZipName(records.length, locale)))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    },
  );
};
