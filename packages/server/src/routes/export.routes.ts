import { officialLayout } from '@jixiao/core/export/official-layout';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { type DocumentFormat, documentFormats } from '@jixiao/export/layout-document';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanTable } from '../auth/authorize.ts';
import { sendDocument } from '../http/send-document.ts';

const params = z.object({ id: z.string().uuid() });
const querystring = z.object({
  locale: z
    .enum(['zh', 'en'])
    .default('zh')
    .describe('Language of the form labels; the data stays as written'),
  version: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('A saved version (default: the current one)'),
  disposition: z
    .enum(['inline', 'attachment'])
    .optional()
    .describe(
      'inline opens in the browser; attachment downloads (default: HTML inline, PDF/Excel/Word download)',
    ),
});

const FORMAT_SUMMARIES: Record<DocumentFormat, string> = {
  html: 'The table as its official printed form, a standalone HTML page (A4 print CSS)',
  pdf: 'The table as its official printed form, an A4 PDF',
  xlsx: 'The table as its official printed form, an Excel workbook (re-importable)',
  docx: 'The table as its official printed form, a Word document with ruled tables (re-importable)',
};

/**
 * Documents out: a stored table as its official printed form (财政项目支出绩效目标表 or, for a
 * self-evaluation table, 绩效自评表) in HTML, PDF, Excel or Word. Whoever may read the table may export it.
 */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const format of documentFormats) {
    app.get(
      `/tables/:id/export.${format}`,
      {
        schema: {
          tags: ['export'],
          summary: FORMAT_SUMMARIES[format],
          params,
          querystring,
        },
      },
      async (request, reply) => {
        const tables = createTableRepository(app.db);
        const record = await tables.get(request.params.id);
        const { locale, version, disposition } = request.query;
        // An earlier version is a working paper: its readers are those of the history.
        await assertCanTable(request, app.db, version === undefined ? 'table.read' : 'table.history', record);
        const table: PerformanceTable =
          version === undefined ? record.table : (await tables.version(record.id, version)).table;
        const layout = officialLayout(table, locale);
        return sendDocument(reply, layout, format, {
          nameParts: [table.name, `${table.year}`, layout.title],
          ...(disposition ? { disposition } : {}),
        });
      },
    );
  }
};
