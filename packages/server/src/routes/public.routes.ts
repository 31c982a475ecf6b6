import { Readable } from 'node:stream';
import { openDataCsvHead } from '@jixiao/core/analysis/open-data';
import {
  openDataLicence,
  openDataManifestSchema,
  openDataSetSchema,
} from '@jixiao/core/analysis/open-data.schema';
import { summarisePublicStatistics } from '@jixiao/core/analysis/public-statistics';
import {
  type PublicStatistics,
  publicStatisticsQuerySchema,
  publicStatisticsSchema,
} from '@jixiao/core/analysis/public-statistics.schema';
import {
  publicTableListSchema,
  publicTableQuerySchema,
  publicTableSchema,
} from '@jixiao/core/analysis/public-table.schema';
import { type PublishedVersion, presentPublicTable } from '@jixiao/core/analysis/public-tables';
import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { publishedStatisticsGroups } from '@jixiao/db/analytics.repository';
import type { Database } from '@jixiao/db/database';
import {
  findPublishedTable,
  openDataChunks,
  publishedYears,
  searchPublishedTables,
} from '@jixiao/db/published-tables.repository';
import { lastUnpublish } from '@jixiao/db/workflow-history.repository';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDocument } from '../http/send-document.ts';

const tags = ['public'];
const idParams = z.object({ id: z.string().uuid() });
const openDataQuery = z.object({
  year: z.coerce.number().int().optional().describe('Only tables of this budget year'),
});
const exportQuery = z.object({
  locale: z
    .enum(['zh', 'en'])
    .default('zh')
    .describe('Language of the form labels; the data stays as written'),
});

/**
 * Open data is for other sites and tools too: any origin may read it from a browser (CORS, and CORP
 * relaxed from the same-origin default the security headers set). It carries no cookies or private data.
 */
function shareOpenData(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

function notPublished(id: string): AppError {
  return new AppError(
    'table.not_found',
    `没有已公开的绩效目标表（${id}）`,
    `No published target table ${id}`,
    {
      path: 'id',
    },
  );
}

/**
 * The latest PUBLISHED version of one table, by key (`published_tables`, kept by the database in the
 * publication's transaction): a table adjusted after publication (调整, a new draft under review) keeps
 * showing what was published until it is published again; one never published does not exist here.
 */
async function onePublished(db: Database, id: string): Promise<PublishedVersion> {
  const found = await findPublishedTable(db, id);
  if (found) return found;
  // A table taken off the portal keeps a notice in its place: when, and the administrator's reason.
  const withdrawn = await lastUnpublish(db, id);
  if (withdrawn) {
    const day = withdrawn.at.slice(0, 10);
    const reason = withdrawn.reason ?? '';
    throw new AppError(
      'table.unpublished',
      `此表已于 ${day} 撤销公开。理由：${reason}`,
      `This table was unpublished on ${day}. Reason: ${reason}`,
      { path: 'id' },
    );
  }
  throw notPublished(id);
}

/**
 * Open data as the client reads it: the database formats the rows (see `openDataChunks`), this passes
 * their text on between a head and a tail, so neither memory nor the event loop grows with the number
 * of published tables.
 */
function openDataStream(
  db: Database,
  year: number | undefined,
  format: { kind: 'json' | 'csv'; head: string; separator: string; tail: (count: number) => string },
): Readable {
  async function* chunks() {
    yield format.head;
    let count = 0;
    for await (const chunk of openDataChunks(db, { format: format.kind, year })) {
      if (count > 0 && format.separator) yield format.separator;
      yield chunk.data;
      count += chunk.rows;
    }
    yield format.tail(count);
  }
  return Readable.from(chunks());
}

/**
 * Sends a stream as the body: fastify writes streams as they are, without the response schema's
 * serializer, which documents what the stream holds.
 */
function sendStream(reply: FastifyReply, contentType: string, stream: Readable): FastifyReply {
  return reply.header('content-type', contentType).send(stream);
}

/**
 * The portal's statistics from the published-table counts the database keeps per year, organisation
 * and printed 主管部门 (analytics tables, updated with each publication), summed per department in SQL:
 * a few hundred rows, never the published tables themselves.
 */
async function statistics(db: Database, year: number | undefined): Promise<PublicStatistics> {
  const [groups, organisations] = await Promise.all([
    publishedStatisticsGroups(db, year),
    listOrganisations(db),
  ]);
  return summarisePublicStatistics(groups, organisations, year ?? null);
}

/**
 * The public portal and open data (公开): no sign-in, published versions only, through the public
 * presenter (no workflow state, reviews, comments, import warnings or people). Every route is open to
 * anonymous visitors, so none of them may read anything but published versions.
 */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/tables',
    {
      schema: {
        tags,
        summary: 'Published tables: browse by year, unit, department; search project, unit, indicator text',
        querystring: publicTableQuerySchema,
        response: { 200: publicTableListSchema },
      },
    },
    async (request) => searchPublishedTables(app.readDb, request.query),
  );

  app.get(
    '/public/statistics',
    {
      schema: {
        tags,
        summary: 'Published tables counted and their current-year budget summed, by year and department',
        querystring: publicStatisticsQuerySchema,
        response: { 200: publicStatisticsSchema },
      },
    },
    async (request) => statistics(app.readDb, request.query.year),
  );

  app.get(
    '/public/tables/:id',
    {
      schema: {
        tags,
        summary: 'One published table (its latest published version)',
        params: idParams,
        response: { 200: publicTableSchema },
      },
    },
    async (request) => presentPublicTable(await onePublished(app.readDb, request.params.id)),
  );

  for (const format of ['html', 'pdf', 'xlsx', 'docx'] as const) {
    app.get(
      `/public/tables/:id/export.${format}`,
      {
        schema: {
          tags,
          summary: `A published table as its official printed form (${format.toUpperCase()})`,
          params: idParams,
          querystring: exportQuery,
        },
      },
      async (request, reply) => {
        const published = presentPublicTable(await onePublished(app.readDb, request.params.id));
        const layout = officialLayout(published.table, request.query.locale);
        return sendDocument(reply, layout, format, {
          nameParts: [published.name, `${published.year}`, layout.title],
        });
      },
    );
  }

  app.get(
    '/public/open-data',
    {
      schema: {
        tags,
        summary: 'Open data files: per budget year the published tables and rows, with the download links',
        response: { 200: openDataManifestSchema },
      },
    },
    async (_request, reply) => {
      shareOpenData(reply);
      const years = await publishedYears(app.readDb);
      const file = (format: 'json' | 'csv', year?: number) =>
        `/api/public/open-data/tables.${format}${year === undefined ? '' : `?year=${year}`}`;
      return {
        licence: openDataLicence,
        tables: years.reduce((sum, y) => sum + y.tables, 0),
        rows: years.reduce((sum, y) => sum + y.rows, 0),
        files: { json: file('json'), csv: file('csv') },
        years: years.map((y) => ({ ...y, files: { json: file('json', y.year), csv: file('csv', y.year) } })),
      };
    },
  );

  app.get(
    '/public/open-data/tables.json',
    {
      schema: {
        tags,
        summary:
          'Open data: one row per indicator of every published table (JSON, CC BY 4.0; streamed, `count` after the rows)',
        querystring: openDataQuery,
        response: { 200: openDataSetSchema },
      },
    },
    async (request, reply) => {
      shareOpenData(reply);
      // The documented object, written as it is read: `count` follows the rows (members of a JSON
      // object have no order), so it is the number actually sent.
      const head = `{"licence":${JSON.stringify(openDataLicence)},"generatedFrom":"published-tables","rows":[`;
      const stream = openDataStream(app.readDb, request.query.year, {
        kind: 'json',
        head,
        separator: ',',
        tail: (count) => `],"count":${count}}`,
      });
      return sendStream(reply, 'application/json; charset=utf-8', stream);
    },
  );

  app.get(
    '/public/open-data/tables.csv',
    {
      schema: {
        tags,
        summary:
          'Open data as CSV (UTF-8 with BOM for Excel, bilingual headings, same columns as the JSON rows; streamed)',
        querystring: openDataQuery,
        response: { 200: z.string().describe('text/csv; one row per indicator') },
      },
    },
    async (request, reply) => {
      const year = request.query.year;
      const name = `jixiao-open-data${year === undefined ? '' : `-${year}`}.csv`;
      shareOpenData(reply);
      const stream = openDataStream(app.readDb, year, {
        kind: 'csv',
        head: openDataCsvHead(),
        separator: '',
        tail: () => '',
      });
      reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff');
      return sendStream(reply, 'text/csv; charset=utf-8', stream);
    },
  );
};
