import type {
  BudgetLinkage,
  LinkageDecisionInput,
  RectificationStatus,
  RectificationTask,
} from '@jixiao/core/rectification/rectification.schema';
import { request, requestFile } from './api-client.ts';

const tableUrl = (id: string) => `/api/tables/${encodeURIComponent(id)}`;
const evidenceUrl = (id: string, taskId: string, fileId: string) =>
  `${tableUrl(id)}/rectifications/${encodeURIComponent(taskId)}/evidence/${encodeURIComponent(fileId)}`;

/** 整改 tasks and the budget linkage (结果应用). */
export const rectificationApi = {
  ofTable: (id: string) => request<{ items: RectificationTask[] }>('GET', `${tableUrl(id)}/rectifications`),
  mine: (status?: RectificationStatus) =>
    request<{ items: RectificationTask[] }>('GET', `/api/rectifications${status ? `?status=${status}` : ''}`),
  /** Tasks from the scored self-evaluation, or from the monitoring report of `cutOffMonth`. */
  open: (id: string, deadline: string, from?: { monitoring: number }) =>
    request<{ items: RectificationTask[] }>('POST', `${tableUrl(id)}/rectifications`, {
      deadline,
      ...(from ? { from: 'monitoring', cutOffMonth: from.monitoring } : {}),
    }),
  answer: (id: string, taskId: string, measures: string, evidence: string | null) =>
    request<RectificationTask>('POST', `${tableUrl(id)}/rectifications/answer`, {
      taskId,
      measures,
      evidence,
    }),
  /** Attaches an evidence file to the task's answer (the server reads its kind from the bytes). */
  addEvidence: (id: string, taskId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<RectificationTask>(
      'POST',
      `${tableUrl(id)}/rectifications/${encodeURIComponent(taskId)}/evidence`,
      form,
    );
  },
  removeEvidence: (id: string, taskId: string, fileId: string) =>
    request<RectificationTask>('DELETE', evidenceUrl(id, taskId, fileId)),
  evidenceFile: (id: string, taskId: string, fileId: string) =>
    requestFile('GET', evidenceUrl(id, taskId, fileId)),
  /** Sends the answered task back to the unit with the reason (退回重新整改). */
  sendBack: (id: string, taskId: string, note: string) =>
    request<RectificationTask>('POST', `${tableUrl(id)}/rectifications/return`, { taskId, note }),
  close: (id: string, taskId: string, note: string | null) =>
    request<RectificationTask>('POST', `${tableUrl(id)}/rectifications/close`, { taskId, note }),
  linkage: (id: string) => request<BudgetLinkage>('GET', `${tableUrl(id)}/linkage`),
  decide: (id: string, body: LinkageDecisionInput) =>
    request<unknown>('PUT', `${tableUrl(id)}/linkage`, body),
};
