import { AppError } from '@jixiao/core/errors/app-error';
import {
  type ImportPreview,
  importConfirmSchema,
  importPreviewSchema,
  importResultSchema,
  monitoringMatchSchema,
  shownFormQuerySchema,
} from '@jixiao/core/tables/table-record.schema';
import { createTableRepository, type ImportPreviewRecord } from '@jixiao/db/tables.repository';
import type { ParsePool } from '@jixiao/import/isolated/parse-pool';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanTable } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import type { CalendarRouteOptions } from '../guards/calendar.guards.ts';
import { sendUploadedFile } from '../http/send-document.ts';
import { monitoringMatch } from '../use-cases/import-monitoring.ts';
import { readUpload } from '../use-cases/import-templates.ts';
import { confirmImport, importablePreview, uploadImport } from '../use-cases/imports.ts';

const idParams = z.object({ id: z.string().uuid() });
const tags = ['imports'];

function noFile(): AppError {
  return new AppError(
    'import.no_file',
    '请上传一个文件（表单字段 file）',
    'Upload one file (form field "file")',
    { path: 'file' },
  );
}

/** The API's body for a kept import preview: the same after the upload and on a later GET. */
function previewBody(preview: ImportPreviewRecord): ImportPreview {
  return {
    importId: preview.id,
    fileName: preview.fileName,
    mediaType: preview.mediaType,
    sourceText: preview.sourceText,
    tables: preview.tables,
    warnings: preview.warnings,
    template: preview.template,
    ...(preview.mapped ? { mapped: preview.mapped } : {}),
    ...(preview.sourceCells ? { sourceCells: preview.sourceCells } : {}),
  };
}

/** A media type for the kept bytes: what the browser said, else a guess from the file name. */
function mediaTypeOf(fileName: string, declared: string | undefined): string {
  if (declared && declared !== 'application/octet-stream') return declared;
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const byExtension: Record<string, string> = {
    txt: 'text/plain',
    json: 'application/json',
    pdf: 'application/pdf',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
  return byExtension[extension] ?? 'application/octet-stream';
}

/**
 * Imports: upload a document (text, PDF, Word, Excel or JSON) → a preview with located warnings,
 * the bytes kept → confirm the (possibly edited) tables, written in one transaction.
 */
export interface ImportsRouteOptions extends CalendarRouteOptions {
  /** Largest uploaded file in bytes: a request declaring a longer body is refused before it is read. */
  uploadLimit: number;
  /** The app's parse pool (worker threads with limits), started on first use. */
  parser: () => ParsePool;
}

/** Multipart framing around the file: boundaries, part headers, a few small fields. */
const multipartOverhead = 64 * 1024;

function declaredTooLarge(declared: number, limit: number): AppError {
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  return new AppError(
    'import.too_large',
    `上传内容过大（${mib(declared)} MiB），导入上限为 ${mib(limit)} MiB`,
    `The upload is too large (${mib(declared)} MiB); the import limit is ${mib(limit)} MiB`,
    { path: 'file' },
  );
}

export const importsRoutes: FastifyPluginAsyncZod<ImportsRouteOptions> = async (app, options) => {
  const store = createTableRepository(app.db);
  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Upload a document (multipart field "file") and get a preview of the tables read from it',
        consumes: ['multipart/form-data'],
        response: { 201: importPreviewSchema },
      },
      // Refused on its declared length before a byte of the body is read.
      onRequest: async (request) => {
        const declared = Number(request.headers['content-length']);
        if (declared > options.uploadLimit + multipartOverhead) {
          throw declaredTooLarge(declared, options.uploadLimit);
        }
      },
    },
    async (request, reply) => {
      const preview = await uploadImport(app.db, callerOf(request), async (organisationId) => {
        if (!request.isMultipart()) throw noFile();
        const part = await request.file();
        if (!part) throw noFile();
        const bytes = new Uint8Array(await part.toBuffer());
        const name = part.filename || 'upload';
        // A file no reader recognises but that holds table rows is kept, for a person to map its columns.
        const read = await readUpload(app.db, options.parser(), organisationId, { name, bytes });
        return { source: { name, mediaType: mediaTypeOf(name, part.mimetype), bytes }, ...read };
      });
      return reply.code(201).send(previewBody(preview));
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'A previewed import again',
        params: idParams,
        response: { 200: importPreviewSchema },
      },
    },
    async (request) => {
      return previewBody(await importablePreview(app.db, callerOf(request), request.params.id));
    },
  );

  app.get(
    '/imports/:id/monitoring-match',
    {
      schema: {
        tags,
        summary:
          'Where a previewed monitoring form would go: the matched table, or the tables to choose from',
        params: idParams,
        querystring: shownFormQuerySchema.extend({
          tableId: z.string().uuid().optional().describe('A table the user chose: its problems instead'),
        }),
        response: { 200: monitoringMatchSchema },
      },
    },
    async (request) => {
      const preview = await importablePreview(app.db, callerOf(request), request.params.id);
      const { tableId, ...shown } = request.query;
      return monitoringMatch(callerOf(request), app.db, preview, tableId, shown);
    },
  );

  app.get(
    '/imports/:id/file',
    {
      schema: {
        tags,
        summary: 'The original uploaded bytes, as a download (application/octet-stream, sandboxed)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const preview = await store.getImport(request.params.id);
      await assertCanTable(request, app.db, 'table.read', {
        status: 'draft',
        organisationId: preview.organisationId,
      });
      const file = await store.importFile(request.params.id);
      // Whatever the uploader declared (text/html, image/svg+xml…), the bytes go back as octet-stream.
      return sendUploadedFile(reply, file);
    },
  );

  app.post(
    '/imports/:id/confirm',
    {
      schema: {
        tags,
        summary:
          'Save the previewed tables (as edited by the user) in one transaction; a monitoring form fills the monitoring report of its table instead',
        description:
          'A table of the same organisation, project (by name) and year as a stored one is never created silently: without a choice in `duplicates` the answer is 409 table.duplicate listing, per table (`tables.<i>`), the stored ones in `duplicates`; with one, `new-version` saves it as the next version of the stored table (draft or returned), `replace-draft` replaces the stored draft, `skip` leaves it out, `create-anyway` creates it beside. All or nothing. A preview whose table has `monitoring` (a 绩效运行监控表) creates no table: it fills the monitoring report of the approved or published table of the uploader’s unit with the same project name and year (or `tableId`), at the printed month (or `cutOffMonth`), checked and audited as PUT /api/tables/{id}/monitoring/{month}. No such table: 409 import.monitoring_no_table with `candidates`. A filled 自评表 (kind `self-evaluation`) creates no table either: its printed actuals fill the self-evaluation of the approved or published table of the same unit, project and year (or `tableId`), its printed weights, scores, execution score and total kept as the unit’s claim beside the rules’ scores; no such table: 409 import.self_evaluation_no_table with `candidates`, or `ownTable: true` to import a past year’s form with its own target table.',
        params: idParams,
        body: importConfirmSchema,
        response: { 201: importResultSchema },
      },
    },
    async (request, reply) => {
      const result = await confirmImport(
        app.db,
        callerOf(request),
        request.params.id,
        request.body,
        options.now?.(),
      );
      return reply.code(201).send(result);
    },
  );
};
