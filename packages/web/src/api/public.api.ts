import type { Dashboard, DashboardQuery } from '@jixiao/core/analysis/dashboard.schema';
import type { OpenDataManifest } from '@jixiao/core/analysis/open-data.schema';
import type { PublicStatistics } from '@jixiao/core/analysis/public-statistics.schema';
import type {
  PublicTable,
  PublicTableList,
  PublicTableQuery,
} from '@jixiao/core/analysis/public-table.schema';
import { request } from './api-client.ts';

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const publicTableUrl = (id: string) => `/api/public/tables/${encodeURIComponent(id)}`;

/** The public portal, open data (no sign-in) and the reviewers' dashboard. */
export const publicApi = {
  listTables: (query: Partial<PublicTableQuery>) =>
    request<PublicTableList>('GET', `/api/public/tables${queryString(query)}`),
  getTable: (id: string) => request<PublicTable>('GET', publicTableUrl(id)),
  statistics: (year?: number) =>
    request<PublicStatistics>('GET', `/api/public/statistics${queryString({ year })}`),
  exportUrl: (id: string, format: 'pdf' | 'xlsx' | 'docx' | 'html', locale: 'zh' | 'en') =>
    `${publicTableUrl(id)}/export.${format}?locale=${locale}`,
  /** Rows and tables per year, without downloading the data (the files stream a row per indicator). */
  openDataManifest: () => request<OpenDataManifest>('GET', '/api/public/open-data'),
  openDataUrl: (format: 'json' | 'csv', year?: number) =>
    `/api/public/open-data/tables.${format}${queryString({ year })}`,
  dashboard: (query: DashboardQuery) => request<Dashboard>('GET', `/api/dashboard${queryString(query)}`),
};
