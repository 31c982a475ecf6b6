import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import type { MonitoringAssessment, MonitoringReport } from '@jixiao/core/monitoring/monitoring.schema';
import type { Light, MonitoringScheme } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type {
  ScoreAdjustment,
  SelfEvaluationEntry,
  SelfEvaluationScore,
} from '@jixiao/core/scoring/self-evaluation.schema';
import { request } from './api-client.ts';

const tableUrl = (id: string) => `/api/tables/${encodeURIComponent(id)}`;

export interface MonitoringView {
  tableId: string;
  tableVersion: number;
  report: MonitoringReport;
  assessment: MonitoringAssessment;
  updatedAt: string | null;
}

export interface MonitoringOverviewItem {
  tableId: string;
  name: string;
  unit: string;
  year: number;
  status: string;
  cutOffMonth: number;
  light: Light;
  risk: number;
  updatedAt: string;
}

export interface MonitoringOverviewQuery {
  year?: number;
  cutOffMonth?: number;
  organisationId?: string;
  sort?: 'risk' | 'name' | 'unit' | 'updatedAt';
  order?: 'asc' | 'desc';
}

export interface SelfEvaluationView {
  tableId: string;
  tableVersion: number;
  entry: SelfEvaluationEntry;
  score: SelfEvaluationScore;
  adjustments: (ScoreAdjustment & {
    id: string;
    computedScore: number;
    /** A re-check decision (财政复核): the claim or the rule accepted; null for an ordinary adjustment. */
    decision?: 'claim' | 'rule' | null;
    adjustedBy: string | null;
    adjustedAt: string;
  })[];
  updatedAt: string;
}

function query(params: object): string {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

/** Calls of the monitoring and self-evaluation API; shapes come from core's schemas. */
export const evaluationApi = {
  monitoringScheme: () => request<MonitoringScheme>('GET', '/api/monitoring/scheme'),
  monitoring: (id: string, month: number) =>
    request<MonitoringView>('GET', `${tableUrl(id)}/monitoring/${month}`),
  saveMonitoring: (id: string, month: number, report: Omit<MonitoringReport, 'cutOffMonth'>) =>
    request<MonitoringView>('PUT', `${tableUrl(id)}/monitoring/${month}`, report),
  overview: (q: MonitoringOverviewQuery) =>
    request<{ items: MonitoringOverviewItem[] }>('GET', `/api/monitoring/overview${query(q)}`),
  selfEvaluation: (id: string) => request<SelfEvaluationView>('GET', `${tableUrl(id)}/self-evaluation`),
  saveSelfEvaluation: (id: string, entry: Omit<SelfEvaluationEntry, 'adjustments'>) =>
    request<SelfEvaluationView>('PUT', `${tableUrl(id)}/self-evaluation`, entry),
  adjustScore: (id: string, adjustment: ScoreAdjustment) =>
    request<SelfEvaluationView>('POST', `${tableUrl(id)}/self-evaluation/adjustments`, adjustment),
  selfEvaluationLayout: (id: string, locale: 'zh' | 'en') =>
    request<OfficialLayout>('GET', `${tableUrl(id)}/self-evaluation/layout?locale=${locale}`),
  selfEvaluationDocumentUrl: (id: string, format: 'pdf' | 'xlsx' | 'docx' | 'html', locale: 'zh' | 'en') =>
    `${tableUrl(id)}/self-evaluation/document?format=${format}&locale=${locale}`,
};
