import { AppError } from '@jixiao/core/errors/app-error';
import { indicatorKey, placeComments } from '@jixiao/core/review-records/comment-anchor';
import { lastReviewedVersion, openComments } from '@jixiao/core/review-records/review-record';
import {
  commentListSchema,
  reviewChangesSchema,
  reviewCreateSchema,
  reviewListSchema,
  reviewRecordSchema,
} from '@jixiao/core/review-records/review-record.schema';
import { diffTables } from '@jixiao/core/tables/table-diff';
import { workflowStateSchema } from '@jixiao/core/workflow/workflow.schema';
import { tableAtVersion } from '@jixiao/db/workflow.repository';
import { indicatorKeysOfVersions, listReviews } from '@jixiao/db/workflow-history.repository';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reviewableTable } from '../guards/table.guards.ts';
import { requestReview } from '../use-cases/workflow-requests.ts';

const params = z.object({ id: z.string().uuid() });

/**
 * Human review: a review round with the four criteria, an overall grade, a decision and
 * comments anchored to fields; the comments per table; and what changed since the last round.
 * Reviews are internal working papers: signed-in users who may read the table see them, the public does not.
 */
export const reviewsRoutes: FastifyPluginAsyncZod = async (app) => {
  const readable = (request: FastifyRequest, id: string) => reviewableTable(request, app.db, id);

  app.post(
    '/tables/:id/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Submit a review round: grades, decision (return/forward/approve) and anchored comments',
        description:
          'Stores the review and fires the transition its decision implies in one transaction. 中 and 差 ' +
          'must return; only the department forwards and only finance approves.',
        params,
        body: reviewCreateSchema,
        response: { 201: z.object({ review: reviewRecordSchema, workflow: workflowStateSchema }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestReview(app.db, request, request.params.id, request.body)),
  );

  app.get(
    '/tables/:id/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: "A table's review rounds, oldest first",
        params,
        response: { 200: reviewListSchema },
      },
    },
    async (request) => {
      await readable(request, request.params.id);
      return { items: await listReviews(app.db, request.params.id) };
    },
  );

  app.get(
    '/tables/:id/comments',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'Every reviewer comment on a table, and the open ones (latest return) the author must act on, ' +
          'each placed on the current version (or ?version=)',
        description:
          'A comment on an indicator follows that indicator (its levels and name) when rows are added, ' +
          'removed or reordered: placement.status is same, moved, changed (the row was renamed since) or ' +
          'removed (it sits on no row); field and whole-table comments stay where they are.',
        params,
        querystring: z.object({
          version: z.coerce
            .number()
            .int()
            .positive()
            .optional()
            .describe('Place the comments on this version'),
        }),
        response: { 200: commentListSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const current = await readable(request, id);
      const version = request.query.version ?? current.version;
      const shown = version === current.version ? current.table : await tableAtVersion(app.db, id, version);
      if (!shown) {
        throw new AppError(
          'table.version_not_found',
          `此表没有第 ${version} 版`,
          `This table has no version ${version}`,
          { path: 'version' },
        );
      }
      const reviews = await listReviews(app.db, id);
      const items = reviews.flatMap((review) => review.comments);
      // The rows of every version from the first commented one on, so that a comment follows its
      // indicator save by save (and a client can carry it on onto its unsaved edits).
      const commented = items.filter((c) => c.indicatorIndex !== null).map((c) => c.version);
      const indicatorsByVersion =
        commented.length === 0
          ? {}
          : await indicatorKeysOfVersions(
              app.db,
              id,
              Math.min(version, ...commented),
              Math.max(current.version, version, ...commented),
            );
      const placed = placeComments(items, indicatorsByVersion, shown.indicators.map(indicatorKey), version);
      const open = new Set(openComments(reviews).map((c) => c.id));
      return { version, items: placed, open: placed.filter((c) => open.has(c.id)), indicatorsByVersion };
    },
  );

  app.get(
    '/tables/:id/review-changes',
    {
      schema: {
        tags: ['reviews'],
        summary: 'What changed between the version the last review round read and the current one',
        params,
        response: { 200: reviewChangesSchema },
      },
    },
    async (request) => {
      const current = await readable(request, request.params.id);
      const fromVersion = lastReviewedVersion(await listReviews(app.db, request.params.id));
      const before =
        fromVersion === null ? null : await tableAtVersion(app.db, request.params.id, fromVersion);
      return {
        fromVersion,
        toVersion: current.version,
        diff: before ? diffTables(before, current.table) : null,
      };
    },
  );
};
