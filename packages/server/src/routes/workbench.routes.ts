import { type Workbench, workbenchSchema } from '@jixiao/core/workflow/workbench.schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, signedIn } from '../auth/authorize.ts';
import { workbenchFor } from '../use-cases/workbench.ts';

export interface WorkbenchRouteOptions {
  /** The clock "today" is read from (tests pass a fixed day). */
  now: () => Date;
}

export const workbenchRoutes: FastifyPluginAsyncZod<WorkbenchRouteOptions> = async (app, options) => {
  app.get(
    '/workbench',
    {
      onRequest: signedIn,
      schema: {
        tags: ['workflow'],
        summary: 'My to-dos (我的待办): the tables waiting for the signed-in user, by role, oldest first',
        response: { 200: workbenchSchema },
      },
    },
    async (request): Promise<Workbench> => workbenchFor(app.db, requireUser(request), options.now()),
  );
};
