import type { Workbench } from '@jixiao/core/workflow/workbench.schema';
import { request } from './api-client.ts';

/** GET /api/workbench: what waits for the signed-in user (core's workbench schema). */
export const workbenchApi = {
  get: () => request<Workbench>('GET', '/api/workbench'),
};
