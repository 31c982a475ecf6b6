import type { Role } from '../accounts/account.schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { TableStatus } from '../tables/table-record.schema.ts';
import type { AvailableTransition, TransitionRule, WorkflowAction } from './workflow.schema.ts';
import { workflowVersionConflict } from './workflow-errors.ts';

/**
 * The whole life cycle as data: one row per (action, from-state). Anything not listed is illegal.
 * Returning is done by whoever holds the table at that stage, so it has a row per stage.
 * An adjustment (调整) re-opens an approved or published table as a new draft version that must carry
 * a reason and goes through both reviews again; the approved version stays frozen in the history.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'submit', from: 'draft', to: 'submitted', roles: ['author'], needs: null },
  { action: 'submit', from: 'returned', to: 'submitted', roles: ['author'], needs: null },
  // Taking a submission back is possible until the department has decided on it; it becomes a draft again.
  { action: 'withdraw', from: 'submitted', to: 'draft', roles: ['author'], needs: null },
  {
    action: 'forward',
    from: 'submitted',
    to: 'department_reviewed',
    roles: ['department_reviewer'],
    needs: null,
  },
  { action: 'return', from: 'submitted', to: 'returned', roles: ['department_reviewer'], needs: 'comment' },
  {
    action: 'return',
    from: 'department_reviewed',
    to: 'returned',
    roles: ['finance_reviewer'],
    needs: 'comment',
  },
  {
    action: 'approve',
    from: 'department_reviewed',
    to: 'approved',
    roles: ['finance_reviewer'],
    needs: null,
  },
  { action: 'publish', from: 'approved', to: 'published', roles: ['finance_reviewer'], needs: null },
  { action: 'adjust', from: 'approved', to: 'draft', roles: ['author'], needs: 'reason' },
  { action: 'adjust', from: 'published', to: 'draft', roles: ['author'], needs: 'reason' },
  // An administrator takes a publication off the portal (an error, a legal hold); the portal keeps a notice.
  { action: 'unpublish', from: 'published', to: 'approved', roles: ['admin'], needs: 'reason' },
];

/** States whose content can be saved: the author's own drafts and returned tables. */
const EDITABLE: ReadonlySet<TableStatus> = new Set<TableStatus>(['draft', 'returned']);
/** States whose content is frozen for good (批复 and 公开); only an adjustment makes a new version. */
const FROZEN: ReadonlySet<TableStatus> = new Set<TableStatus>(['approved', 'published']);

const ACTION_LABELS: Record<WorkflowAction, { zh: string; en: string; done: string }> = {
  submit: { zh: '提交', en: 'submit', done: 'submitted' },
  withdraw: { zh: '撤回', en: 'withdraw', done: 'withdrawn' },
  forward: { zh: '转报', en: 'forward', done: 'forwarded' },
  return: { zh: '退回', en: 'return', done: 'returned' },
  approve: { zh: '批复', en: 'approve', done: 'approved' },
  publish: { zh: '公开', en: 'publish', done: 'published' },
  adjust: { zh: '调整', en: 'adjust', done: 'adjusted' },
  unpublish: { zh: '撤销公开', en: 'unpublish', done: 'unpublished' },
};

const STATUS_LABELS: Record<TableStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  department_reviewed: { zh: '主管部门已审', en: 'reviewed by the department' },
  returned: { zh: '已退回', en: 'returned' },
  approved: { zh: '已批复', en: 'approved' },
  published: { zh: '已公开', en: 'published' },
};

/** The rule for firing `action` on a table in `status`, or undefined when the machine has no such edge. */
export function findTransition(status: TableStatus, action: WorkflowAction): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.from === status && rule.action === action);
}

/** Whether the table's content may be saved in this state (drafts and returned tables only). */
export function isEditable(status: TableStatus): boolean {
  return EDITABLE.has(status);
}

/**
 * Throws unless a table in `status` may be saved: `table.frozen` for approved/published tables
 * (adjust them instead), `table.in_review` while a reviewer holds it.
 */
export function assertEditable(status: TableStatus): void {
  if (EDITABLE.has(status)) return;
  if (FROZEN.has(status)) {
    throw new AppError(
      'table.frozen',
      `此表${STATUS_LABELS[status].zh}，内容已冻结；如需修改请发起调整并说明理由`,
      `This table is ${STATUS_LABELS[status].en} and frozen; start an adjustment with a reason to change it`,
      { path: 'status' },
    );
  }
  throw new AppError(
    'table.in_review',
    `此表${STATUS_LABELS[status].zh}，正在审核中，退回后才能修改`,
    `This table is ${STATUS_LABELS[status].en} and under review; it can be edited once returned`,
    { path: 'status' },
  );
}

/** What a transition needs to know about who fires it and what they wrote. */
export interface TransitionInput {
  status: TableStatus;
  action: WorkflowAction;
  roles: readonly Role[];
  comment?: string | null | undefined;
  reason?: string | null | undefined;
  /**
   * Extra permission check from the accounts policies (e.g. the reviewer supervises the table's unit).
   * Called only after the role check passed.
   */
  allowed?: (rule: TransitionRule) => boolean;
}

const hasText = (text: string | null | undefined) => typeof text === 'string' && text.trim().length > 0;

/**
 * Checks one transition and returns the state it leads to. Throws AppError
 * `workflow.illegal_transition`, `workflow.forbidden`, `workflow.comment_required` or
 * `workflow.reason_required`; the order of checks makes an illegal edge win over a missing role.
 */
export function decideTransition(input: TransitionInput): TransitionRule {
  const rule = findTransition(input.status, input.action);
  const action = ACTION_LABELS[input.action];
  const status = STATUS_LABELS[input.status];
  if (!rule) {
    throw new AppError(
      'workflow.illegal_transition',
      `表格当前状态为“${status.zh}”，不能${action.zh}`,
      `A table that is ${status.en} cannot be ${action.done}`,
      { path: 'action' },
    );
  }
  const hasRole = input.roles.some((role) => rule.roles.includes(role));
  if (!hasRole || (input.allowed && !input.allowed(rule))) {
    throw new AppError(
      'workflow.forbidden',
      `您没有权限对此表执行“${action.zh}”`,
      `You may not ${action.en} this table`,
      { path: 'action' },
    );
  }
  if (rule.needs === 'comment' && !hasText(input.comment)) {
    throw new AppError(
      'workflow.comment_required',
      '退回时请写明意见，告诉编报人需要修改什么',
      'Say what the author must change when returning a table',
      { path: 'comment' },
    );
  }
  if (rule.needs === 'reason' && !hasText(input.reason)) {
    throw new AppError(
      'workflow.reason_required',
      input.action === 'unpublish'
        ? '撤销公开须说明理由，门户将保留撤销说明'
        : '调整已批复的目标表须说明理由',
      input.action === 'unpublish'
        ? 'Taking a table off the portal needs a reason; the portal keeps a notice'
        : 'An adjustment of an approved table needs a reason',
      { path: 'reason' },
    );
  }
  return rule;
}

/**
 * Approving over errors of the automatic review (错误 findings still open) is the reviewer's call, but
 * not a silent one: it needs a reason, which the transition keeps and the audit log records.
 */
export function assertApprovalReason(
  action: WorkflowAction,
  openErrors: number,
  reason: string | null | undefined,
): void {
  if (action !== 'approve' || openErrors === 0 || hasText(reason)) return;
  throw new AppError(
    'workflow.approval_reason_required',
    `自动审核仍有 ${openErrors} 项错误，批复前请说明理由（将记入审计日志）`,
    `The automatic review still reports ${openErrors} error(s); give a reason to approve anyway (it is audited)`,
    { path: 'reason' },
  );
}

/** The transitions a user with `roles` may fire on a table in `status`, for showing only allowed buttons. */
export function availableTransitions(
  status: TableStatus,
  roles: readonly Role[],
  allowed?: (rule: TransitionRule) => boolean,
): AvailableTransition[] {
  return TRANSITIONS.filter(
    (rule) =>
      rule.from === status &&
      roles.some((role) => rule.roles.includes(role)) &&
      (allowed === undefined || allowed(rule)),
  ).map((rule) => ({ action: rule.action, to: rule.to, needs: rule.needs }));
}

/** Which reviewer holds a table in `status` (the queue it appears in), or null when no review is pending. */
export function pendingReviewRole(status: TableStatus): Role | null {
  if (status === 'submitted') return 'department_reviewer';
  if (status === 'department_reviewed') return 'finance_reviewer';
  return null;
}

/**
 * Throws `table.version_conflict` unless the version the caller acted on is the table's current one: of two
 * people acting on the same version the second loses and reloads, instead of firing a step on a table
 * someone else has moved on.
 */
export function assertCurrentVersion(expected: number, current: number): void {
  if (expected !== current) throw workflowVersionConflict(expected, current);
}
