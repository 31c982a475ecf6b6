import { describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '../accounts/account.schema.ts';
import { roleSchema } from '../accounts/account.schema.ts';
import type { TableResource } from '../accounts/policies.ts';
import { tableStatusSchema } from '../tables/table-record.schema.ts';
import { availableTransitions, TRANSITIONS } from './workflow-machine.ts';
import { policyAllows } from './workflow-policy.ts';

const UNIT = '00000000-0000-4000-8000-000000000003';
const OTHER_UNIT = '00000000-0000-4000-8000-000000000013';
const DEPARTMENT = '00000000-0000-4000-8000-000000000002';
const OTHER_DEPARTMENT = '00000000-0000-4000-8000-000000000012';
const FINANCE = '00000000-0000-4000-8000-000000000001';

function buildUser(role: Role, organisationId: string): SessionUser {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    username: role,
    displayName: role,
    organisationId,
    roles: [role],
  };
}

const homeOf: Record<Role, string> = {
  author: UNIT,
  department_reviewer: DEPARTMENT,
  finance_reviewer: FINANCE,
  admin: FINANCE,
  auditor: FINANCE,
};

describe('workflow transitions under the accounts policies', () => {
  it('agrees with the machine for users in the right organisations: the policy vetoes nothing the machine allows', () => {
    for (const status of tableStatusSchema.options) {
      const table: TableResource = { status, organisationPath: [UNIT, DEPARTMENT, FINANCE] };
      for (const role of roleSchema.options) {
        const user = buildUser(role, homeOf[role]);
        expect(availableTransitions(status, [role], policyAllows(user, table))).toEqual(
          availableTransitions(status, [role]),
        );
      }
    }
  });

  it('keeps other units and other departments out', () => {
    const table: TableResource = { status: 'draft', organisationPath: [UNIT, DEPARTMENT, FINANCE] };
    expect(
      availableTransitions('draft', ['author'], policyAllows(buildUser('author', OTHER_UNIT), table)),
    ).toEqual([]);
    const submitted = { ...table, status: 'submitted' as const };
    const outsider = buildUser('department_reviewer', OTHER_DEPARTMENT);
    expect(
      availableTransitions('submitted', ['department_reviewer'], policyAllows(outsider, submitted)),
    ).toEqual([]);
    expect(TRANSITIONS.every((rule) => !policyAllows(null, table)(rule))).toBe(true);
  });
});
