import type { Role } from '../accounts/account.schema.ts';
import { type Actor, can, type TableAction, type TableResource } from '../accounts/policies.ts';
import type { TableStatus } from '../tables/table-record.schema.ts';
import type { TransitionRule } from './workflow.schema.ts';

/**
 * The accounts policy action that guards a transition. Returning is part of the review of whoever holds
 * the table, so it maps to that stage's review action.
 */
export function policyActionFor(rule: TransitionRule): TableAction {
  switch (rule.action) {
    case 'submit':
      return 'table.submit';
    case 'withdraw':
      return 'table.withdraw';
    case 'forward':
      return 'table.review_department';
    case 'return':
      return rule.from === 'submitted' ? 'table.review_department' : 'table.review_finance';
    case 'approve':
      return 'table.approve';
    case 'publish':
      return 'table.publish';
    case 'adjust':
      return 'table.adjust';
    case 'unpublish':
      return 'table.unpublish';
  }
}

/**
 * A predicate for `decideTransition`/`availableTransitions` that adds the accounts policies (own unit,
 * units under the reviewer's department) to the machine's role check.
 */
export function policyAllows(user: Actor, table: TableResource): (rule: TransitionRule) => boolean {
  return (rule) => can(user, policyActionFor(rule), { ...table, status: rule.from });
}

/**
 * The states of the tables that wait for a user with `roles`: submitted ones for a department reviewer,
 * forwarded ones for finance, and returned ones for an author, who revises and resubmits them.
 */
export function reviewQueueStatuses(roles: readonly Role[]): TableStatus[] {
  const statuses: TableStatus[] = [];
  if (roles.includes('department_reviewer')) statuses.push('submitted');
  if (roles.includes('finance_reviewer')) statuses.push('department_reviewed');
  if (roles.includes('author')) statuses.push('returned');
  return statuses;
}

/**
 * Whether a table in one of `reviewQueueStatuses` waits for `user` in particular: the accounts policies
 * decide whose unit (author) or which units under whose department (reviewers) it belongs to.
 */
export function waitsFor(user: Actor, table: TableResource): boolean {
  const action: TableAction =
    table.status === 'submitted'
      ? 'table.review_department'
      : table.status === 'department_reviewed'
        ? 'table.review_finance'
        : 'table.submit';
  return can(user, action, table);
}
