import { z } from 'zod';
import { roleSchema } from '../accounts/account.schema.ts';
import { tableStatusSchema } from '../tables/table-record.schema.ts';

/**
 * What a user can do to move a table along its life (domain.md, "Life of a table"):
 * 提交 submit, 撤回 withdraw (the author takes a submission back before the department decides),
 * 转报 forward (department), 退回 return, 批复 approve (finance), 公开 publish, 调整 adjust, and
 * 撤销公开 unpublish (an administrator takes a publication off the portal, with a reason).
 */
export const workflowActionSchema = z.enum([
  'submit',
  'withdraw',
  'forward',
  'return',
  'approve',
  'publish',
  'adjust',
  'unpublish',
]);
export type WorkflowAction = z.infer<typeof workflowActionSchema>;

/** Longest comment or reason kept with a transition. */
export const WORKFLOW_TEXT_MAX = 2000;

/** Body of POST /api/tables/:id/transitions. */
export const transitionRequestSchema = z.object({
  action: workflowActionSchema,
  expectedVersion: z
    .number()
    .int()
    .positive()
    .describe('The version the user saw; a transition on any other version loses with 409'),
  comment: z.string().trim().max(WORKFLOW_TEXT_MAX).optional().describe('Required when returning'),
  reason: z
    .string()
    .trim()
    .max(WORKFLOW_TEXT_MAX)
    .optional()
    .describe(
      'Required for adjust (调整理由) and unpublish, and for approve while the automatic review reports errors',
    ),
});
export type TransitionRequest = z.infer<typeof transitionRequestSchema>;

/** One fired transition as kept in the table's workflow history. */
export const workflowEventSchema = z.object({
  id: z.string().uuid(),
  tableId: z.string().uuid(),
  action: workflowActionSchema,
  fromStatus: tableStatusSchema,
  toStatus: tableStatusSchema,
  /** The table version the transition was fired on, and the version it produced. */
  fromVersion: z.number().int().positive(),
  toVersion: z.number().int().positive(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string().datetime(),
});
export type WorkflowEvent = z.infer<typeof workflowEventSchema>;

/** A transition the current user may fire now, sent with the table so the UI shows only allowed buttons. */
export const availableTransitionSchema = z.object({
  action: workflowActionSchema,
  to: tableStatusSchema,
  needs: z.enum(['comment', 'reason']).nullable(),
});
export type AvailableTransition = z.infer<typeof availableTransitionSchema>;

/** GET /api/tables/:id/workflow: where the table is, what the user may do, and what happened so far. */
export const workflowStateSchema = z.object({
  tableId: z.string().uuid(),
  status: tableStatusSchema,
  version: z.number().int().positive(),
  editable: z.boolean(),
  available: z.array(availableTransitionSchema),
  history: z.array(workflowEventSchema),
});
export type WorkflowState = z.infer<typeof workflowStateSchema>;

/** Who may fire a transition; kept as data so the UI, the server and the tests read the same table. */
export const transitionRuleSchema = z.object({
  action: workflowActionSchema,
  from: tableStatusSchema,
  to: tableStatusSchema,
  roles: z.array(roleSchema),
  needs: z.enum(['comment', 'reason']).nullable(),
});
export type TransitionRule = z.infer<typeof transitionRuleSchema>;

/** One table waiting for the current reviewer (GET /api/review-queue). */
export const reviewQueueItemSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int().positive(),
  status: tableStatusSchema,
  year: z.number().int(),
  unit: z.string(),
  name: z.string(),
  currentYearBudget: z.number().nullable(),
  updatedAt: z.string().datetime(),
  /** How many review rounds the table has been through already (0 on a first submission). */
  rounds: z.number().int().nonnegative(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewQueueSchema = z.object({ items: z.array(reviewQueueItemSchema) });
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;
