import type { ClaimCause, RecheckItem } from '@jixiao/core/scoring/self-evaluation-claim.schema';

export type { RecheckItem };

import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type {
  ImportCandidate,
  ImportConfirm,
  ImportResult,
  ShownFormQuery,
} from '@jixiao/core/tables/table-record.schema';
import { request, shownFormQuery } from './api-client.ts';

export interface RecheckQuery {
  year?: number | undefined;
  organisationId?: string | undefined;
  cause?: ClaimCause | undefined;
}

function query(params: RecheckQuery): string {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

/** Calls of the re-check API. */
export const recheckApi = {
  list: (q: RecheckQuery) =>
    request<{ items: RecheckItem[] }>('GET', `/api/self-evaluations/recheck${query(q)}`),
  exportUrl: (q: RecheckQuery) => `/api/self-evaluations/recheck/export${query(q)}`,
  decide: (
    tableId: string,
    body: { target: 'execution' | number; accept: 'claim' | 'rule'; reason: string },
  ) =>
    request<{ total: number; grade: string }>(
      'POST',
      `/api/tables/${encodeURIComponent(tableId)}/self-evaluation/decisions`,
      body,
    ),
};

/** Where a previewed filled 自评表 would go, and the scheme its printed weights tell. */
export interface SelfEvaluationMatch {
  tableId: string | null;
  candidates: ImportCandidate[];
  schemeId: string;
  schemes: { id: string; name: { zh: string; en: string }; executionWeight: number }[];
}

/** Importing a filled 自评表: its match, and the confirmation into a table or with its own. */
export const selfEvaluationImportApi = {
  match: (importId: string, shown: ShownFormQuery = {}) =>
    request<SelfEvaluationMatch>(
      'GET',
      `/api/imports/${encodeURIComponent(importId)}/self-evaluation-match${shownFormQuery(shown)}`,
    ),
  confirm: (
    importId: string,
    tables: PerformanceTable[],
    options: { tableId?: string; ownTable?: boolean; schemeId?: string },
  ) =>
    request<ImportResult>('POST', `/api/imports/${encodeURIComponent(importId)}/confirm`, {
      tables,
      ...options,
    } satisfies ImportConfirm),
};
