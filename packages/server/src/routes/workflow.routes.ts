import { can } from '@jixiao/core/accounts/policies';
import {
  reviewQueueSchema,
  transitionRequestSchema,
  workflowStateSchema,
} from '@jixiao/core/workflow/workflow.schema';
import { fireTransition, reviewQueue, tableForReview, workflowState } from '@jixiao/db/workflow.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCan, assertCanTable, requireUser, tableResource } from '../auth/authorize.ts';
import { assertDraftingOpen, type CalendarRouteOptions } from '../guards/calendar.guards.ts';
import { assertExAnteGate } from '../use-cases/ex-ante-gate.ts';
import { openErrorCount } from '../use-cases/review-errors.ts';

const params = z.object({ id: z.string().uuid() });

/**
 * The table life cycle: the state and allowed transitions of a table, firing a transition
 * (checked on the server by core's machine and the accounts policies), and the reviewer's queue.
 */
export const workflowRoutes: FastifyPluginAsyncZod<CalendarRouteOptions> = async (app, options) => {
  app.get(
    '/tables/:id/workflow',
    {
      schema: {
        tags: ['workflow'],
        summary: "A table's status, the transitions the current user may fire, and its history",
        params,
        response: { 200: workflowStateSchema },
      },
    },
    async (request) => {
      const table = await tableForReview(app.db, request.params.id);
      // Return comments, reviewer names and grades are working papers like earlier versions.
      assertCan(request, 'table.history', await tableResource(app.db, table));
      return workflowState(app.db, request.params.id, request.user);
    },
  );

  app.post(
    '/tables/:id/transitions',
    {
      schema: {
        tags: ['workflow'],
        summary:
          'Fire a transition: submit, withdraw, forward, return, approve, publish, adjust or unpublish',
        description:
          "Checked against the state machine, the user's role and organisation, and `expectedVersion`: " +
          'of two concurrent transitions on one version the second gets 409 table.version_conflict.',
        params,
        body: transitionRequestSchema,
        response: { 200: workflowStateSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const table = await tableForReview(app.db, request.params.id);
      await assertCanTable(request, app.db, 'table.read', table);
      // Submitting is drafting (编报): a closed year or a passed deadline stops the author, not reviewers.
      // Only asked of a caller who could submit, so others keep their 403 or 409 of the state machine.
      if (request.body.action === 'submit' && can(user, 'table.submit', await tableResource(app.db, table))) {
        await assertDraftingOpen(app.db, [{ table: table.table, path: 'year' }], 'submit', options.now?.());
        await assertExAnteGate(app.db, request.params.id, table.table);
      }
      const openErrors =
        request.body.action === 'approve'
          ? await openErrorCount(app.db, request, request.params.id, table.table)
          : 0;
      return fireTransition(
        app.db,
        request.params.id,
        request.body,
        { user, address: request.ip },
        { openErrors },
      );
    },
  );

  app.get(
    '/review-queue',
    {
      schema: {
        tags: ['workflow'],
        summary: "Tables waiting for the current reviewer's decision, oldest first",
        response: { 200: reviewQueueSchema },
      },
    },
    async (request) => ({ items: await reviewQueue(app.db, requireUser(request)) }),
  );
};
