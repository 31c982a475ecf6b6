import type { ExAnteAssessmentInput, ExAnteView } from '@jixiao/core/ex-ante/ex-ante.schema';
import { request } from './api-client.ts';

const url = (id: string) => `/api/tables/${encodeURIComponent(id)}/ex-ante`;

/** 事前绩效评估 of a table: what the rule set asks, the assessment and the gate. */
export const exAnteApi = {
  get: (id: string) => request<ExAnteView>('GET', url(id)),
  save: (id: string, body: ExAnteAssessmentInput) => request<ExAnteView>('PUT', url(id), body),
  /** The saved assessment as the printed 项目事前绩效评估表. */
  documentUrl: (id: string, format: 'pdf' | 'docx', locale: 'zh' | 'en') =>
    `${url(id)}/document?format=${format}&locale=${locale}`,
};
