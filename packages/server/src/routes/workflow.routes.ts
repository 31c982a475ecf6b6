import {
  reviewQueueSchema,
  transitionRequestSchema,
  workflowStateSchema,
} from '@jixiao/core/workflow/workflow.schema';
import { tableForReview } from '@jixiao/db/workflow.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCan, requireUser, tableResource } from '../auth/authorize.ts';
import type { CalendarRouteOptions } from '../guards/calendar.guards.ts';
import { reviewQueue, workflowState } from '../use-cases/workflow.ts';
import { requestTransition } from '../use-cases/workflow-requests.ts';

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
    async (request) => requestTransition(app.db, request, request.params.id, request.body, options.now?.()),
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
