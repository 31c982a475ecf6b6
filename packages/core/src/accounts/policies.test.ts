import { describe, expect, it } from 'vitest';
import { type TableStatus, tableStatusSchema } from '../tables/table-record.schema.ts';
import type { Organisation, Role, SessionUser } from './account.schema.ts';
import {
  type Action,
  actions,
  allowedSystemActions,
  allowedTableActions,
  can,
  organisationPath,
  type TableResource,
  tableReadScope,
} from './policies.ts';

// A small tree: finance bureau → two departments → units.
const finance = org('00000000-0000-4000-8000-000000000001', 'finance', null);
const science = org('00000000-0000-4000-8000-000000000002', 'department', finance.id);
const education = org('00000000-0000-4000-8000-000000000003', 'department', finance.id);
const office = org('00000000-0000-4000-8000-000000000004', 'unit', science.id);
const lab = org('00000000-0000-4000-8000-000000000005', 'unit', science.id);
const school = org('00000000-0000-4000-8000-000000000006', 'unit', education.id);
const organisations = [finance, science, education, office, lab, school];

function org(id: string, kind: Organisation['kind'], parentId: string | null): Organisation {
  return { id, name: `org ${id.slice(-1)}`, kind, parentId };
}

function buildUser(role: Role, organisationId: string | null): SessionUser {
  return {
    id: '10000000-0000-4000-8000-000000000000',
    username: role,
    displayName: role,
    organisationId,
    roles: [role],
  };
}

function buildTable(unit: Organisation, status: TableStatus): TableResource {
  return { status, organisationPath: organisationPath(unit.id, organisations) };
}

const author = buildUser('author', office.id);
const dept = buildUser('department_reviewer', science.id);
const financeReviewer = buildUser('finance_reviewer', finance.id);
const admin = buildUser('admin', finance.id);
const auditor = buildUser('auditor', null);

describe('organisationPath', () => {
  it('walks from a unit up to the finance bureau', () => {
    expect(organisationPath(office.id, organisations)).toEqual([office.id, science.id, finance.id]);
  });
  it('keeps an unknown organisation as a path of one and stops on cycles', () => {
    expect(organisationPath('x', organisations)).toEqual(['x']);
    const a = org('00000000-0000-4000-8000-00000000000a', 'unit', '00000000-0000-4000-8000-00000000000b');
    const b = org('00000000-0000-4000-8000-00000000000b', 'unit', a.id);
    expect(organisationPath(a.id, [a, b]).length).toBeLessThanOrEqual(3);
  });
});

describe('author', () => {
  it('edits drafts and returned tables of the own unit only', () => {
    expect(can(author, 'table.update', buildTable(office, 'draft'))).toBe(true);
    expect(can(author, 'table.update', buildTable(office, 'returned'))).toBe(true);
    expect(can(author, 'table.update', buildTable(office, 'submitted'))).toBe(false);
    expect(can(author, 'table.update', buildTable(office, 'approved'))).toBe(false);
    expect(can(author, 'table.update', buildTable(lab, 'draft'))).toBe(false);
  });
  it('reads own tables in any status and other units only when published', () => {
    expect(can(author, 'table.read', buildTable(office, 'submitted'))).toBe(true);
    expect(can(author, 'table.read', buildTable(lab, 'draft'))).toBe(false);
    expect(can(author, 'table.read', buildTable(school, 'published'))).toBe(true);
  });
  it('creates, imports and submits for the own unit, deletes only drafts, never reviews', () => {
    expect(can(author, 'table.create', buildTable(office, 'draft'))).toBe(true);
    expect(can(author, 'table.create', buildTable(lab, 'draft'))).toBe(false);
    expect(can(author, 'table.import', buildTable(office, 'draft'))).toBe(true);
    expect(can(author, 'table.submit', buildTable(office, 'draft'))).toBe(true);
    expect(can(author, 'table.delete', buildTable(office, 'returned'))).toBe(false);
    expect(can(author, 'table.review_department', buildTable(office, 'submitted'))).toBe(false);
    expect(can(author, 'table.approve', buildTable(office, 'department_reviewed'))).toBe(false);
  });
  it('has no admin or audit actions', () => {
    expect(allowedSystemActions(author)).toEqual(['organisation.read']);
  });
});

describe('monitoring and self-evaluation', () => {
  it('lets the author report on approved or published tables of the own unit only', () => {
    expect(can(author, 'table.report', buildTable(office, 'approved'))).toBe(true);
    expect(can(author, 'table.report', buildTable(office, 'published'))).toBe(true);
    expect(can(author, 'table.report', buildTable(office, 'draft'))).toBe(false);
    expect(can(author, 'table.report', buildTable(lab, 'approved'))).toBe(false);
    expect(can(dept, 'table.report', buildTable(office, 'approved'))).toBe(false);
  });
  it('lets reviewers above the unit adjust scores, never the author', () => {
    expect(can(dept, 'table.adjust_score', buildTable(office, 'published'))).toBe(true);
    expect(can(dept, 'table.adjust_score', buildTable(school, 'published'))).toBe(false);
    expect(can(financeReviewer, 'table.adjust_score', buildTable(school, 'approved'))).toBe(true);
    expect(can(author, 'table.adjust_score', buildTable(office, 'approved'))).toBe(false);
  });
});

describe('department reviewer', () => {
  it('sees tables of units under the department, not of other departments', () => {
    expect(can(dept, 'table.read', buildTable(office, 'draft'))).toBe(true);
    expect(can(dept, 'table.read', buildTable(lab, 'submitted'))).toBe(true);
    expect(can(dept, 'table.read', buildTable(school, 'submitted'))).toBe(false);
  });
  it('reviews only submitted tables under it and writes no table', () => {
    expect(can(dept, 'table.review_department', buildTable(office, 'submitted'))).toBe(true);
    expect(can(dept, 'table.review_department', buildTable(office, 'draft'))).toBe(false);
    expect(can(dept, 'table.review_department', buildTable(school, 'submitted'))).toBe(false);
    expect(can(dept, 'table.update', buildTable(office, 'draft'))).toBe(false);
  });
});

describe('finance reviewer', () => {
  it('sees all tables and moves them through final review, approval and publication', () => {
    expect(can(financeReviewer, 'table.read', buildTable(school, 'draft'))).toBe(true);
    expect(allowedTableActions(financeReviewer, buildTable(school, 'department_reviewed'))).toEqual([
      'table.read',
      'table.history',
      'table.review_finance',
      'table.approve',
    ]);
    expect(allowedTableActions(financeReviewer, buildTable(school, 'approved'))).toEqual([
      'table.read',
      'table.history',
      'table.publish',
      'table.adjust_score',
    ]);
    expect(can(financeReviewer, 'table.approve', buildTable(school, 'submitted'))).toBe(false);
  });
});

describe('admin', () => {
  it('manages organisations, users, rule sets, the indicator library, import layouts and reads the audit log, but writes no table', () => {
    expect([...allowedSystemActions(admin)].sort()).toEqual(
      [
        'organisation.read',
        'organisation.manage',
        'user.read',
        'user.manage',
        'audit.read',
        'ruleset.manage',
        'library.manage',
        'budget_year.manage',
        'layout_template.manage',
      ].sort(),
    );
    expect(can(admin, 'table.update', buildTable(office, 'draft'))).toBe(false);
  });
});

describe('auditor', () => {
  it('reads everything and writes nothing', () => {
    const writeActions = actions.filter(
      (a) => !['table.read', 'table.history', 'organisation.read', 'user.read', 'audit.read'].includes(a),
    );
    for (const status of tableStatusSchema.options) {
      const table = buildTable(school, status);
      expect(can(auditor, 'table.read', table)).toBe(true);
      for (const action of writeActions)
        expect(can(auditor, action, table), `${action} ${status}`).toBe(false);
    }
    expect(allowedSystemActions(auditor)).toEqual(['organisation.read', 'user.read', 'audit.read']);
  });
});

describe('anonymous', () => {
  it('may do nothing on working records, published or not (the public portal serves the public)', () => {
    for (const status of tableStatusSchema.options) {
      expect(can(null, 'table.read', buildTable(office, status))).toBe(false);
    }
    expect(allowedTableActions(null, buildTable(office, 'published'))).toEqual([]);
    expect(can(null, 'table.history', buildTable(office, 'published'))).toBe(false);
    expect(allowedSystemActions(null)).toEqual([]);
  });
});

describe('table history', () => {
  it('is readable by exactly the signed-in readers of the table', () => {
    for (const user of [author, dept, financeReviewer, admin, auditor]) {
      for (const unit of organisations) {
        for (const status of tableStatusSchema.options) {
          const table = buildTable(unit, status);
          expect(can(user, 'table.history', table)).toBe(can(user, 'table.read', table));
        }
      }
    }
  });
});

describe('table actions without a table', () => {
  it('are denied, so a route cannot forget the resource and allow everything', () => {
    const tableActions: Action[] = actions.filter((a) => a.startsWith('table.'));
    for (const action of tableActions) expect(can(financeReviewer, action)).toBe(false);
  });
});

describe('tableReadScope', () => {
  const users = [author, dept, financeReviewer, admin, auditor, null, buildUser('author', null)];
  it('agrees with can(table.read) for every user, organisation and status', () => {
    for (const user of users) {
      const scope = tableReadScope(user, organisations);
      for (const unit of organisations) {
        for (const status of tableStatusSchema.options) {
          const inScope =
            scope.all ||
            scope.organisationIds.includes(unit.id) ||
            (scope.published && status === 'published');
          expect(inScope, `${user?.username ?? 'anonymous'} ${unit.id} ${status}`).toBe(
            can(user, 'table.read', buildTable(unit, status)),
          );
        }
      }
    }
  });
  it('lists the department and its units for a department reviewer', () => {
    expect(tableReadScope(dept, organisations)).toEqual({
      all: false,
      organisationIds: [science.id, office.id, lab.id].sort(),
      published: true,
    });
  });
});
