import type {
  LibraryEntry,
  LibraryEntryInput,
  LibraryList,
  LibrarySource,
} from '@jixiao/core/library/indicator-library.schema';
import { request } from './api-client.ts';

export interface LibrarySearchParams {
  q?: string;
  frameworkId?: string;
  level1?: string;
  level2?: string;
  source?: LibrarySource;
  includeInactive?: boolean;
  limit?: number;
}

function queryString(params: LibrarySearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || value === false) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The indicator library API (指标库): everyone signed in searches; admins add and change entries. */
export const libraryApi = {
  search: (params: LibrarySearchParams) =>
    request<LibraryList>('GET', `/api/indicator-library${queryString(params)}`),
  create: (entry: LibraryEntryInput) => request<LibraryEntry>('POST', '/api/indicator-library', entry),
  update: (id: string, entry: LibraryEntryInput) =>
    request<LibraryEntry>('PUT', `/api/indicator-library/${encodeURIComponent(id)}`, entry),
};
