import {
  layoutTemplateCreateSchema,
  layoutTemplateListSchema,
  layoutTemplateSchema,
  mappingRequestSchema,
  mappingResultSchema,
} from '@jixiao/core/tables/column-mapping.schema';
import { createLayoutTemplateRepository } from '@jixiao/db/layout-templates.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { ParsePool } from '@jixiao/import/isolated/parse-pool';
import { mainTable } from '@jixiao/import/mapping/mapped-table';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCan, assertCanTable, auditActor, authorize, requireUser } from '../auth/authorize.ts';
import { nothingMapped, regionOutside } from './import-templates.ts';

const idParams = z.object({ id: z.string().uuid() });

/**
 * Column mapping and layout templates: a previewed import re-read through the columns a person
 * assigned; such a mapping saved as a named template that reads the next file of the layout by itself;
 * administrators list and retire templates.
 */
export const importMappingRoutes: FastifyPluginAsyncZod<{ parser: () => ParsePool }> = async (
  app,
  options,
) => {
  const imports = createTableRepository(app.db);
  const templates = createLayoutTemplateRepository(app.db);

  async function mappedPreview(request: Parameters<typeof assertCanTable>[0], importId: string) {
    const preview = await imports.getImport(importId);
    await assertCanTable(request, app.db, 'table.import', {
      status: 'draft',
      organisationId: preview.organisationId,
    });
    return preview;
  }

  app.post(
    '/imports/:id/mapping',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Re-read a previewed import through a column mapping (the lines of its table, a role per column); kept with the preview (GET /imports/{id} answers it as `mapped`)',
        params: idParams,
        body: mappingRequestSchema,
        response: { 200: mappingResultSchema },
      },
    },
    async (request) => {
      const preview = await mappedPreview(request, request.params.id);
      const { mapping } = request.body;
      const lines = preview.sourceText.split(/\r\n|\r|\n/).length;
      if (mapping.region.line > lines) throw regionOutside(lines);
      const mapped = await options.parser().map(preview.fileName, {
        text: preview.sourceText,
        mapping,
        base: mainTable(preview.tables),
        ...(preview.sourceCells ? { cells: preview.sourceCells } : {}),
      });
      // Kept with the preview: opened again, it shows these rows and this mapping.
      await imports.saveMapped(preview.id, { mapping, tables: [mapped.table], warnings: mapped.warnings });
      return {
        tables: [mapped.table],
        warnings: mapped.warnings,
        signature: mapped.signature,
        separator: mapped.separator,
      };
    },
  );

  app.get(
    '/layout-templates',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Layout templates: the active ones of the caller’s unit and the region; administrators see all, retired too',
        querystring: z.object({ retired: z.coerce.boolean().optional() }),
        response: { 200: layoutTemplateListSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (request.query.retired) assertCan(request, 'layout_template.manage');
      const admin = request.query.retired === true;
      const items = await templates.list({
        includeRetired: admin,
        organisationIds: user.roles.includes('admin')
          ? null
          : user.organisationId
            ? [user.organisationId]
            : [],
      });
      return { items };
    },
  );

  app.post(
    '/layout-templates',
    {
      schema: {
        tags: ['imports'],
        summary: 'Save the column mapping of a previewed import as a named layout template',
        description:
          'The signature (the caption words of the mapped table, its column count) is taken from the import’s source. `scope: unit` saves it for the uploader’s organisation; `region` for every unit (administrators only). Audited.',
        body: layoutTemplateCreateSchema,
        response: { 201: layoutTemplateSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const preview = await mappedPreview(request, request.body.importId);
      if (request.body.scope === 'region') assertCan(request, 'layout_template.manage');
      const mapped = await options.parser().map(preview.fileName, {
        text: preview.sourceText,
        mapping: request.body.mapping,
        base: mainTable(preview.tables),
        ...(preview.sourceCells ? { cells: preview.sourceCells } : {}),
      });
      if (mapped.table.indicators.length === 0) throw nothingMapped();
      const template = await templates.create(
        {
          name: request.body.name,
          organisationId:
            request.body.scope === 'region' ? null : (preview.organisationId ?? user.organisationId),
          signature: mapped.signature,
          separator: mapped.separator,
          roles: request.body.mapping.roles,
          kind: request.body.mapping.kind ?? null,
        },
        auditActor(request),
      );
      return reply.code(201).send(template);
    },
  );

  // The administrators' two changes of a template: each one audited update of the stored row.
  const adminChanges = [
    {
      path: 'region',
      summary: 'Make a unit’s layout template the whole region’s (administrators). Audited.',
      change: templates.shareWithRegion,
    },
    {
      path: 'retire',
      summary: 'Retire a layout template: it reads no further file (administrators). Audited.',
      change: templates.retire,
    },
  ] as const;
  for (const { path, summary, change } of adminChanges) {
    app.post(
      `/layout-templates/:id/${path}`,
      {
        onRequest: authorize('layout_template.manage'),
        schema: { tags: ['imports'], summary, params: idParams, response: { 200: layoutTemplateSchema } },
      },
      async (request) => change(request.params.id, auditActor(request)),
    );
  }
};
