import { describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '../accounts/account.schema.ts';
import { roleSchema } from '../accounts/account.schema.ts';
import type { TableResource } from '../accounts/policies.ts';
import { tableStatusSchema } from '../tables/table-record.schema.ts';
import { availableTransitions, TRANSITIONS } from './workflow-machine.ts';
import { policyAllows, reviewQueueStatuses, waitsFor } from './workflow-policy.ts';

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

describe('review queues', () => {
  it('holds submitted tables for the department, forwarded ones for finance, returned ones for authors', () => {
    expect(reviewQueueStatuses(['department_reviewer'])).toEqual(['submitted']);
    expect(reviewQueueStatuses(['finance_reviewer'])).toEqual(['department_reviewed']);
    expect(reviewQueueStatuses(['author'])).toEqual(['returned']);
    expect(reviewQueueStatuses(['author', 'finance_reviewer'])).toEqual(['department_reviewed', 'returned']);
    expect(reviewQueueStatuses(['admin', 'auditor'])).toEqual([]);
  });

  it('puts a table in the queue of the reviewer above its unit and of its own unit’s author only', () => {
    const path = [UNIT, DEPARTMENT, FINANCE];
    const submitted: TableResource = { status: 'submitted', organisationPath: path };
    const forwarded: TableResource = { status: 'department_reviewed', organisationPath: path };
    const returned: TableResource = { status: 'returned', organisationPath: path };
    expect(waitsFor(buildUser('department_reviewer', DEPARTMENT), submitted)).toBe(true);
    expect(waitsFor(buildUser('department_reviewer', OTHER_DEPARTMENT), submitted)).toBe(false);
    expect(waitsFor(buildUser('department_reviewer', DEPARTMENT), forwarded)).toBe(false);
    expect(waitsFor(buildUser('finance_reviewer', FINANCE), forwarded)).toBe(true);
    expect(waitsFor(buildUser('author', UNIT), returned)).toBe(true);
    expect(waitsFor(buildUser('author', OTHER_UNIT), returned)).toBe(false);
    expect(waitsFor(null, returned)).toBe(false);
  });
});
