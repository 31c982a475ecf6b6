import type {
  CommentList,
  ReviewChanges,
  ReviewCreateInput,
  ReviewList,
  ReviewRecord,
} from '@jixiao/core/review-records/review-record.schema';
import type { ReviewQueue, TransitionRequest, WorkflowState } from '@jixiao/core/workflow/workflow.schema';
import { request } from './api-client.ts';

const tableUrl = (id: string) => `/api/tables/${encodeURIComponent(id)}`;

/** Calls of the workflow and review API; shapes come from core's workflow and review schemas. */
export const workflowApi = {
  state: (id: string) => request<WorkflowState>('GET', `${tableUrl(id)}/workflow`),
  transition: (id: string, body: TransitionRequest) =>
    request<WorkflowState>('POST', `${tableUrl(id)}/transitions`, body),
  queue: () => request<ReviewQueue>('GET', '/api/review-queue'),
  reviews: (id: string) => request<ReviewList>('GET', `${tableUrl(id)}/reviews`),
  createReview: (id: string, body: ReviewCreateInput) =>
    request<{ review: ReviewRecord; workflow: WorkflowState }>('POST', `${tableUrl(id)}/reviews`, body),
  comments: (id: string) => request<CommentList>('GET', `${tableUrl(id)}/comments`),
  changes: (id: string) => request<ReviewChanges>('GET', `${tableUrl(id)}/review-changes`),
};
