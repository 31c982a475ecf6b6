import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError, onSuccessfulWrite } from './api-client.ts';

/**
 * The one cache every page reads the API through (TanStack Query): a query is known by its key, pages
 * showing the same resource share one answer, and a write marks what it changed as stale so every
 * mounted view of it (the 我的待办 badge, a list, an open table) asks again instead of showing old counts.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An ApiError is the server's answer (403, 404, 409): asking again repeats it. A lost connection
      // (status 0) is tried once more.
      retry: (failures, error) => error instanceof ApiError && error.status === 0 && failures < 1,
      refetchOnWindowFocus: true,
    },
  },
});

/** Query keys per resource: the first element names the resource, the rest its parameters. */
export const queryKeys = {
  workbench: ['workbench'] as const,
  reviewQueue: ['review-queue'] as const,
  tables: (params?: unknown) =>
    params === undefined ? (['tables'] as const) : (['tables', params] as const),
  table: (id: string) => ['table', id] as const,
  workflow: (id: string) => ['workflow', id] as const,
  peers: (id: string) => ['peers', id] as const,
  selfEvaluation: (id: string) => ['self-evaluation', id] as const,
  monitoring: (params?: unknown) => ['monitoring', params] as const,
  recheck: (params?: unknown) => ['recheck', params] as const,
  budgetYears: ['budget-years'] as const,
  library: (params?: unknown) => ['library', params] as const,
  layoutTemplates: (params?: unknown) => ['layout-templates', params] as const,
  accounts: (what: string) => ['accounts', what] as const,
  publicTables: (params?: unknown) => ['public', 'tables', params] as const,
  publicTable: (id: string) => ['public', 'table', id] as const,
  dashboard: (params?: unknown) => ['dashboard', params] as const,
  publicStatistics: (year?: number) => ['public', 'statistics', year ?? null] as const,
  openData: ['public', 'open-data'] as const,
  audit: (params?: unknown) => ['audit', params] as const,
};

// Everything a table's life touches: its own views, lists and counts of tables, the queues and the
// monitoring and re-check views derived from tables, and the portal once something is published.
const tableResources = [
  'workbench',
  'review-queue',
  'tables',
  'table',
  'workflow',
  'self-evaluation',
  'monitoring',
  'recheck',
  'public',
  'peers',
  'dashboard',
];

/** The resources (first key elements) a successful write to `url` may have changed; null: all of them. */
export function resourcesChangedBy(url: string): readonly string[] | null {
  const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
  const segment = path.split('/')[2] ?? '';
  switch (segment) {
    case 'tables':
    case 'imports':
      return tableResources;
    case 'budget-years':
      // The calendar decides what is due (the badge) and what may be submitted.
      return ['budget-years', 'workbench'];
    case 'indicator-library':
      return ['library'];
    case 'layout-templates':
      return ['layout-templates'];
    case 'users':
    case 'organisations':
    case 'login-throttles':
      return ['accounts'];
    default:
      return null;
  }
}

/** Marks what a write to `url` changed as stale; mounted queries of it load again at once. */
export function invalidateAfterWrite(url: string): void {
  // Signing in or out changes whose data everything is: nothing of the previous user may stay on screen.
  if (/^\/api\/auth\//.test(url)) {
    void queryClient.resetQueries();
    return;
  }
  const resources = resourcesChangedBy(url);
  if (resources === null) {
    void queryClient.invalidateQueries();
    return;
  }
  // Every write is audited: the log has a new line whatever else changed.
  const changed = new Set([...resources, 'audit']);
  void queryClient.invalidateQueries({
    predicate: (query) => changed.has(String((query.queryKey as QueryKey)[0])),
  });
}

onSuccessfulWrite(invalidateAfterWrite);
