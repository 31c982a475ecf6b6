import type { Organisation } from '@jixiao/core/accounts/account.schema';
import { openDataCsv, openDataRows } from '@jixiao/core/analysis/open-data';
import { openDataLicence, openDataSetSchema } from '@jixiao/core/analysis/open-data.schema';
import { publicDepartment, summarisePublicStatistics } from '@jixiao/core/analysis/public-statistics';
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
import {
  buildPublicCatalogue,
  type PublicCatalogue,
  type PublishedVersion,
  presentPublicTable,
  searchPublicCatalogue,
} from '@jixiao/core/analysis/public-tables';
import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { publishedStatisticsGroups } from '@jixiao/db/analytics.repository';
import type { Database } from '@jixiao/db/database';
import { publishedFingerprint } from '@jixiao/db/tables.repository';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDocument } from './export.routes.ts';
import { keptByKey } from './kept-by-key.ts';

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
 * The latest PUBLISHED version of each table, read from the version history: a table adjusted after
 * publication (调整, a new draft under review) keeps showing what was published until it is published
 * again, and a table never published does not exist here. The current row's status is not consulted.
 */
async function publishedVersions(
  db: Database,
  organisations: readonly Organisation[],
  filter: { id?: string } = {},
): Promise<PublishedVersion[]> {
  let query = db
    .selectFrom('table_versions as v')
    .innerJoin('target_tables as t', 't.id', 'v.table_id')
    .where('v.status', '=', 'published')
    .distinctOn('v.table_id')
    .select(['v.table_id', 'v.version', 'v.content', 'v.saved_at', 't.organisation_id'])
    .orderBy('v.table_id')
    .orderBy('v.version', 'desc');
  if (filter.id !== undefined) query = query.where('v.table_id', '=', filter.id);
  const rows = await query.execute();
  return rows.map((row) => {
    // Stored content passed the table schema when it was saved.
    const table = row.content as PerformanceTable;
    return {
      id: row.table_id,
      version: row.version,
      table,
      publishedAt: new Date(row.saved_at).toISOString(),
      // The same 主管部门 as the portal's statistics: the registered one, else the printed one.
      department: publicDepartment(row.organisation_id, table.supervisingDepartment, organisations),
    };
  });
}

async function onePublished(db: Database, id: string): Promise<PublishedVersion> {
  const [found] = await publishedVersions(db, await listOrganisations(db), { id });
  if (!found) throw notPublished(id);
  return found;
}

/**
 * The catalogue of published tables, rebuilt only when a publication changed it: each visitor's search
 * then filters prepared entries instead of reading and parsing every published table again (the
 * fingerprint query keeps several server processes correct without telling each other).
 */
function catalogueCache(db: Database): () => Promise<PublicCatalogue> {
  const kept = keptByKey<PublicCatalogue>();
  return async () => {
    const [published, organisations] = await Promise.all([publishedFingerprint(db), listOrganisations(db)]);
    // A unit moved to another department changes what the catalogue shows and filters by.
    const key = `${published}|${organisations.map((o) => `${o.id}>${o.parentId ?? ''}:${o.kind}:${o.name}`).join(',')}`;
    return kept(key, () => publishedVersions(db, organisations).then(buildPublicCatalogue));
  };
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
 * anonymous visitors, so none of them may read anything but `publishedVersions`.
 */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const catalogue = catalogueCache(app.db);
  // Open data reads the same kept catalogue (newest year first, then unit and project).
  const publishedOf = async (year: number | undefined) =>
    (await catalogue()).entries
      .map((entry) => entry.published)
      .filter((published) => year === undefined || published.table.year === year);

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
    async (request) => searchPublicCatalogue(await catalogue(), request.query),
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
    async (request) => statistics(app.db, request.query.year),
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
    async (request) => presentPublicTable(await onePublished(app.db, request.params.id)),
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
        const published = presentPublicTable(await onePublished(app.db, request.params.id));
        const layout = officialLayout(published.table, request.query.locale);
        return sendDocument(reply, layout, format, {
          nameParts: [published.name, `${published.year}`, layout.title],
        });
      },
    );
  }

  app.get(
    '/public/open-data/tables.json',
    {
      schema: {
        tags,
        summary: 'Open data: one row per indicator of every published table (JSON, CC BY 4.0)',
        querystring: openDataQuery,
        response: { 200: openDataSetSchema },
      },
    },
    async (request, reply) => {
      shareOpenData(reply);
      const rows = openDataRows(await publishedOf(request.query.year));
      return {
        licence: openDataLicence,
        generatedFrom: 'published-tables' as const,
        count: rows.length,
        rows,
      };
    },
  );

  app.get(
    '/public/open-data/tables.csv',
    {
      schema: {
        tags,
        summary:
          'Open data as CSV (UTF-8 with BOM for Excel, bilingual headings, same columns as the JSON rows)',
        querystring: openDataQuery,
        response: { 200: z.string().describe('text/csv; one row per indicator') },
      },
    },
    async (request, reply) => {
      const year = request.query.year;
      const csv = openDataCsv(openDataRows(await publishedOf(year)));
      const name = `jixiao-open-data${year === undefined ? '' : `-${year}`}.csv`;
      shareOpenData(reply);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .send(csv);
    },
  );
};
