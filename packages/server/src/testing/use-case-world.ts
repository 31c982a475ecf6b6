import type { Role, SessionUser } from '@jixiao/core/accounts/account.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableRecord, TableStatus } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { sql } from 'kysely';

// A small world for use-case tests, called without HTTP: a finance bureau, a department over a unit, a
// second department, and one user of each role that matters, as the session would carry them.

export const FINANCE = '0c100000-0000-4000-8000-000000000001';
export const DEPARTMENT = '0c100000-0000-4000-8000-000000000002';
export const UNIT = '0c100000-0000-4000-8000-000000000003';
export const OTHER_DEPARTMENT = '0c100000-0000-4000-8000-000000000004';

function buildUser(role: Role, organisationId: string, n: number): SessionUser {
  return {
    id: `0d100000-0000-4000-8000-00000000000${n}`,
    username: `${role}${n}`,
    displayName: `${role} ${n}`,
    organisationId,
    roles: [role],
  };
}

export const author = buildUser('author', UNIT, 1);
export const departmentReviewer = buildUser('department_reviewer', DEPARTMENT, 2);
export const financeReviewer = buildUser('finance_reviewer', FINANCE, 3);
export const outsider = buildUser('department_reviewer', OTHER_DEPARTMENT, 4);
export const otherAuthor = buildUser('author', OTHER_DEPARTMENT, 5);
export const admin = buildUser('admin', FINANCE, 6);

/** Inserts the world's organisations (once per database). */
export async function insertOrganisations(db: Database): Promise<void> {
  await sql`INSERT INTO organisations (id, name, kind, parent_id) VALUES
    (${FINANCE}, '测试财政局', 'finance', NULL),
    (${DEPARTMENT}, '测试主管部门', 'department', ${FINANCE}),
    (${OTHER_DEPARTMENT}, '另一主管部门', 'department', ${FINANCE}),
    (${UNIT}, '测试预算单位', 'unit', ${DEPARTMENT})`.execute(db);
}

/** A table of the unit stored and moved to `status` straight in the repository. */
export async function storeUnitTable(
  db: Database,
  table: PerformanceTable,
  status: TableStatus = 'draft',
): Promise<TableRecord> {
  const store = createTableRepository(db);
  let record = await store.create(table, { userId: author.id }, { organisationId: UNIT });
  if (status !== 'draft') record = await store.setStatus(record.id, record.version, status, { userId: null });
  return record;
}

/** The audit entries of an entity, oldest first. */
export async function auditEntriesOf(db: Database, entityId: string) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'actor', 'actor_address', 'diff'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}

/** The refusal of a signed-in caller without the permission, as the API answers it. */
export const forbidden = {
  code: 'auth.forbidden',
  zh: '您没有权限执行此操作',
  en: 'You are not allowed to do this',
} as const;

/** The refusal of an anonymous caller. */
export const unauthenticated = {
  code: 'auth.unauthenticated',
  zh: '请先登录',
  en: 'Please sign in first',
} as const;

/** The AppError a refused call rejects with; fails the test when the call succeeds or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
