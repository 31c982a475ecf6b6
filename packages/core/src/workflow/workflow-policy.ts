import { type Actor, can, type TableAction, type TableResource } from '../accounts/policies.ts';
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
