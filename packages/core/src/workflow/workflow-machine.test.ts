import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Role, roleSchema } from '../accounts/account.schema.ts';
import { AppError } from '../errors/app-error.ts';
import { codeOf } from '../errors/testing/code-of.ts';
import { type TableStatus, tableStatusSchema } from '../tables/table-record.schema.ts';
import { type WorkflowAction, workflowActionSchema } from './workflow.schema.ts';
import {
  assertApprovalReason,
  assertCurrentVersion,
  assertEditable,
  availableTransitions,
  decideTransition,
  findTransition,
  isEditable,
  pendingReviewRole,
  TRANSITIONS,
} from './workflow-machine.ts';

const statuses = tableStatusSchema.options;
const actions = workflowActionSchema.options;
const roles = roleSchema.options;

/** Fires a transition and returns the new state, as a store would. */
function fire(status: TableStatus, action: WorkflowAction, role: Role, text = '意见'): TableStatus {
  return decideTransition({ status, action, roles: [role], comment: text, reason: text }).to;
}

describe('workflow machine: one full round', () => {
  it('goes draft → submitted → returned → submitted → department_reviewed → approved → published', () => {
    let s: TableStatus = 'draft';
    s = fire(s, 'submit', 'author');
    expect(s).toBe('submitted');
    s = fire(s, 'return', 'department_reviewer');
    expect(s).toBe('returned');
    s = fire(s, 'submit', 'author');
    s = fire(s, 'forward', 'department_reviewer');
    expect(s).toBe('department_reviewed');
    s = fire(s, 'return', 'finance_reviewer');
    expect(s).toBe('returned');
    s = fire(s, 'submit', 'author');
    s = fire(s, 'forward', 'department_reviewer');
    s = fire(s, 'approve', 'finance_reviewer');
    expect(s).toBe('approved');
    s = fire(s, 'publish', 'finance_reviewer');
    expect(s).toBe('published');
    s = fire(s, 'unpublish', 'admin');
    expect(s).toBe('approved');
    s = fire(s, 'publish', 'finance_reviewer');
    s = fire(s, 'adjust', 'author');
    expect(s).toBe('draft');
  });

  it('lets the author withdraw a submission until the department has decided', () => {
    expect(fire('submitted', 'withdraw', 'author')).toBe('draft');
    expect(codeOf(() => fire('submitted', 'withdraw', 'department_reviewer'))).toBe('workflow.forbidden');
    expect(codeOf(() => fire('department_reviewed', 'withdraw', 'author'))).toBe(
      'workflow.illegal_transition',
    );
    expect(codeOf(() => fire('draft', 'withdraw', 'author'))).toBe('workflow.illegal_transition');
  });

  it('lets only an administrator unpublish, and only with a reason', () => {
    expect(codeOf(() => fire('published', 'unpublish', 'finance_reviewer'))).toBe('workflow.forbidden');
    expect(codeOf(() => fire('approved', 'unpublish', 'admin'))).toBe('workflow.illegal_transition');
    expect(
      codeOf(() => decideTransition({ status: 'published', action: 'unpublish', roles: ['admin'] })),
    ).toBe('workflow.reason_required');
  });

  it('asks a reason to approve over errors of the automatic review, and only then', () => {
    expect(codeOf(() => assertApprovalReason('approve', 2, undefined))).toBe(
      'workflow.approval_reason_required',
    );
    expect(codeOf(() => assertApprovalReason('approve', 1, '  '))).toBe('workflow.approval_reason_required');
    expect(codeOf(() => assertApprovalReason('approve', 2, '专项资金已下达，指标按批复补正'))).toBeNull();
    expect(codeOf(() => assertApprovalReason('approve', 0, undefined))).toBeNull();
    expect(codeOf(() => assertApprovalReason('forward', 3, undefined))).toBeNull();
  });

  it('names the failure: illegal edge, wrong role, missing comment, missing reason', () => {
    expect(codeOf(() => fire('draft', 'approve', 'finance_reviewer'))).toBe('workflow.illegal_transition');
    expect(codeOf(() => fire('submitted', 'approve', 'finance_reviewer'))).toBe(
      'workflow.illegal_transition',
    );
    expect(codeOf(() => fire('submitted', 'forward', 'author'))).toBe('workflow.forbidden');
    expect(codeOf(() => fire('submitted', 'return', 'finance_reviewer'))).toBe('workflow.forbidden');
    expect(codeOf(() => fire('draft', 'submit', 'auditor'))).toBe('workflow.forbidden');
    expect(
      codeOf(() =>
        decideTransition({ status: 'submitted', action: 'return', roles: ['department_reviewer'] }),
      ),
    ).toBe('workflow.comment_required');
    expect(
      codeOf(() =>
        decideTransition({ status: 'approved', action: 'adjust', roles: ['author'], reason: '   ' }),
      ),
    ).toBe('workflow.reason_required');
  });

  it('lets a policy veto a transition the role allows (e.g. another department)', () => {
    const input = {
      status: 'submitted' as const,
      action: 'forward' as const,
      roles: ['department_reviewer' as const],
    };
    expect(decideTransition(input).to).toBe('department_reviewed');
    expect(codeOf(() => decideTransition({ ...input, allowed: () => false }))).toBe('workflow.forbidden');
    expect(availableTransitions('submitted', ['department_reviewer'], () => false)).toEqual([]);
  });

  it('has exactly one rule per (action, from-state) and every state is reachable from draft', () => {
    const keys = TRANSITIONS.map((t) => `${t.action}:${t.from}`);
    expect(new Set(keys).size).toBe(keys.length);
    const reached = new Set<TableStatus>(['draft']);
    for (let i = 0; i < statuses.length; i++) {
      for (const t of TRANSITIONS) if (reached.has(t.from)) reached.add(t.to);
    }
    expect([...reached].sort()).toEqual([...statuses].sort());
  });

  it('freezes approved and published tables and locks tables under review', () => {
    expect(codeOf(() => assertEditable('approved'))).toBe('table.frozen');
    expect(codeOf(() => assertEditable('published'))).toBe('table.frozen');
    expect(codeOf(() => assertEditable('submitted'))).toBe('table.in_review');
    expect(codeOf(() => assertEditable('department_reviewed'))).toBe('table.in_review');
    expect(codeOf(() => assertEditable('draft'))).toBeNull();
    expect(codeOf(() => assertEditable('returned'))).toBeNull();
    expect(isEditable('approved')).toBe(false);
  });

  it('puts submitted tables in the department queue and forwarded ones in the finance queue', () => {
    expect(pendingReviewRole('submitted')).toBe('department_reviewer');
    expect(pendingReviewRole('department_reviewed')).toBe('finance_reviewer');
    expect(pendingReviewRole('draft')).toBeNull();
  });
});

describe('workflow machine: properties over random action sequences', () => {
  const step = fc.record({
    action: fc.constantFrom(...actions),
    roles: fc.subarray([...roles], { minLength: 0, maxLength: 3 }),
    comment: fc.option(fc.constantFrom('', '  ', '请补充满意度指标'), { nil: undefined }),
    reason: fc.option(fc.constantFrom('', '预算调整', '   '), { nil: undefined }),
  });

  it('never reaches a state except along a declared edge by a permitted role with the text it needs', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let status: TableStatus = 'draft';
        // The model: since the last submit, which reviews has the table passed?
        let forwardedSinceSubmit = false;
        let approvedEver = false;
        for (const s of steps) {
          const rule = findTransition(status, s.action);
          let next: TableStatus | null = null;
          try {
            next = decideTransition({ status, ...s }).to;
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            const code = (error as AppError).code;
            if (!rule) expect(code).toBe('workflow.illegal_transition');
            else if (!s.roles.some((r) => rule.roles.includes(r))) expect(code).toBe('workflow.forbidden');
            else expect(['workflow.comment_required', 'workflow.reason_required']).toContain(code);
            continue;
          }
          // Accepted: the edge exists, the role was there, the text was given.
          expect(rule).toBeDefined();
          expect(next).toBe(rule!.to);
          expect(s.roles.some((r) => rule!.roles.includes(r))).toBe(true);
          if (rule!.needs === 'comment') expect(s.comment?.trim()).toBeTruthy();
          if (rule!.needs === 'reason') expect(s.reason?.trim()).toBeTruthy();
          // Invariants of the life cycle.
          if (s.action === 'approve') expect(forwardedSinceSubmit).toBe(true);
          if (s.action === 'unpublish') expect(status).toBe('published');
          if (next === 'published') expect(status).toBe('approved');
          if (s.action === 'adjust') expect(approvedEver).toBe(true);
          if (s.action === 'submit') forwardedSinceSubmit = false;
          if (s.action === 'forward') forwardedSinceSubmit = true;
          if (next === 'approved') approvedEver = true;
          status = next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('shows exactly the transitions that would succeed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.subarray([...roles]),
        fc.constantFrom(...actions),
        (status, rs, action) => {
          const shown = availableTransitions(status, rs).some((t) => t.action === action);
          const works =
            codeOf(() => decideTransition({ status, action, roles: rs, comment: 'x', reason: 'y' })) === null;
          expect(shown).toBe(works);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives auditors no way to move a table, and admins only 撤销公开', () => {
    for (const status of statuses) {
      expect(availableTransitions(status, ['auditor'])).toEqual([]);
      expect(availableTransitions(status, ['admin']).map((t) => t.action)).toEqual(
        status === 'published' ? ['unpublish'] : [],
      );
    }
  });
});

describe('workflow machine: acting on the current version', () => {
  it('lets the caller act on the version they saw and refuses an older or newer one, naming both', () => {
    expect(() => assertCurrentVersion(4, 4)).not.toThrow();
    expect(codeOf(() => assertCurrentVersion(3, 4))).toBe('table.version_conflict');
    expect(codeOf(() => assertCurrentVersion(5, 4))).toBe('table.version_conflict');
    try {
      assertCurrentVersion(3, 4);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).en).toContain('version 4, you saw 3');
      expect((error as AppError).location?.path).toBe('expectedVersion');
    }
  });
});
