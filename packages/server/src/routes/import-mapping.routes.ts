import {
  layoutTemplateCreateSchema,
  layoutTemplateListSchema,
  layoutTemplateSchema,
  mappingRequestSchema,
  mappingResultSchema,
} from '@jixiao/core/tables/column-mapping.schema';
import type { ParsePool } from '@jixiao/import/isolated/parse-pool';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import {
  listLayoutTemplates,
  remapImport,
  retireLayoutTemplate,
  saveLayoutTemplate,
  shareLayoutTemplate,
} from '../use-cases/layout-templates.ts';

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
    async (request) =>
      remapImport(app.db, callerOf(request), options.parser(), request.params.id, request.body.mapping),
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
    async (request) => ({
      items: await listLayoutTemplates(app.db, callerOf(request), request.query.retired === true),
    }),
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
      const template = await saveLayoutTemplate(app.db, callerOf(request), options.parser(), request.body);
      return reply.code(201).send(template);
    },
  );

  // The administrators' two changes of a template, each audited.
  const adminChanges = [
    {
      path: 'region',
      summary: 'Make a unit’s layout template the whole region’s (administrators). Audited.',
      change: shareLayoutTemplate,
    },
    {
      path: 'retire',
      summary: 'Retire a layout template: it reads no further file (administrators). Audited.',
      change: retireLayoutTemplate,
    },
  ] as const;
  for (const { path, summary, change } of adminChanges) {
    app.post(
      `/layout-templates/:id/${path}`,
      {
        onRequest: authorize('layout_template.manage'),
        schema: { tags: ['imports'], summary, params: idParams, response: { 200: layoutTemplateSchema } },
      },
      async (request) => change(app.db, callerOf(request), request.params.id),
    );
  }
};
