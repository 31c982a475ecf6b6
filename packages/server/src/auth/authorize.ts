import type { Organisation, SessionUser } from '@jixiao/core/accounts/account.schema';
import {
  type Action,
  can,
  organisationPath,
  type SystemAction,
  type TableReadScope,
  type TableResource,
  tableReadScope,
} from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import type { FastifyRequest } from 'fastify';
import type { Caller } from './caller.ts';

// The guard every route file uses. Routes declare the action; policies (core) decide; this file turns
// "no" into 401 for anonymous visitors (sign in first) and 403 for signed-in users.

export function unauthenticated(): AppError {
  return new AppError('auth.unauthenticated', '请先登录', 'Please sign in first');
}

export function forbidden(): AppError {
  return new AppError('auth.forbidden', '您没有权限执行此操作', 'You are not allowed to do this');
}

/** Whoever asks: an HTTP request or a use case's caller (only the user is looked at). */
type Asker = Pick<Caller, 'user'>;

/** The signed-in user of the request, or a 401. */
export function requireUser(request: Asker): SessionUser {
  if (!request.user) throw unauthenticated();
  return request.user;
}

/** Throws 401/403 unless the request's user may do `action` (on `table` for table actions). */
export function assertCan(request: Asker, action: Action, table?: TableResource): void {
  if (can(request.user, action, table)) return;
  throw request.user ? forbidden() : unauthenticated();
}

/**
 * A hook for routes guarded by a system action, e.g. `app.get('/users', { onRequest: authorize('user.read') }, …)`.
 * Use it as `onRequest` so that a denied caller gets 401/403 before body validation says anything.
 */
export function authorize(action: SystemAction) {
  return async (request: FastifyRequest): Promise<void> => {
    assertCan(request, action);
  };
}

/** A hook (`onRequest`) that only requires someone to be signed in. */
export async function signedIn(request: FastifyRequest): Promise<void> {
  requireUser(request);
}

/** A table as policies see it, from its status and organisation (walks the organisation tree). */
export async function tableResource(
  db: Database,
  record: { status: TableStatus; organisationId: string | null },
): Promise<TableResource> {
  return tableResourceIn(record, await listOrganisations(db));
}

/** The same, with the organisation tree already read (a request that checks many tables reads it once). */
export function tableResourceIn(
  record: { status: TableStatus; organisationId: string | null },
  organisations: readonly Organisation[],
): TableResource {
  return { status: record.status, organisationPath: organisationPath(record.organisationId, organisations) };
}

/** Throws 401/403 unless the request's user may do `action` on the stored table `record`. */
export async function assertCanTable(
  request: Asker,
  db: Database,
  action: Action,
  record: { status: TableStatus; organisationId: string | null },
): Promise<void> {
  assertCan(request, action, await tableResource(db, record));
}

/**
 * Throws 401/403 unless the request's user may act on the stored tables its duplicate choices touch
 * (same organisation): a new version needs `table.update`, replacing a draft `table.delete`. Their state
 * (draft, returned) is checked by storage with the tables locked.
 */
export async function assertCanResolveDuplicates(
  request: Asker,
  db: Database,
  organisationId: string | null,
  choices: readonly { action: string }[] | undefined,
): Promise<void> {
  const actions = new Set((choices ?? []).map((choice) => choice.action));
  if (actions.has('new-version'))
    await assertCanTable(request, db, 'table.update', { status: 'draft', organisationId });
  if (actions.has('replace-draft'))
    await assertCanTable(request, db, 'table.delete', { status: 'draft', organisationId });
}

/** Which tables lists may show to the request's user (storage turns it into a WHERE clause). */
export async function readScope(request: Asker, db: Database): Promise<TableReadScope> {
  return tableReadScope(request.user, await listOrganisations(db));
}

/** Who the audit log records for this request. */
export function auditActor(request: FastifyRequest): AuditActor {
  return { userId: request.user?.id ?? null, address: request.ip };
}
