import type {
  Organisation,
  OrganisationCreate,
  OrganisationUpdate,
  Role,
  SessionUser,
  User,
  UserUpdate,
} from '@jixiao/core/accounts/account.schema';
import { roleSchema } from '@jixiao/core/accounts/account.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import type { Selectable } from 'kysely';
import type { UsersTable } from './accounts.db-types.ts';
import type { AuditActor } from './audit.repository.ts';
import { writeAudit } from './audit.repository.ts';
import type { Database } from './database.ts';

// Storage of organisations, users and sessions. Password hashing and token generation happen in the
// server (they need crypto and a clock); this layer stores what it is given. Organisation, user and
// password writes run in the caller's transaction and report what changed, for the server's use cases to
// write the audit entry in it; a session is stored with its sign-in or sign-out entry here.

type UserRow = Selectable<UsersTable>;

/** A user with the password hash, for the sign-in check only; never leaves the server. */
export interface UserCredentials {
  user: User;
  passwordHash: string;
}

function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function parseRoles(roles: string[] | string): Role[] {
  // node-postgres and PGlite both parse text[], but keep a fallback for the '{a,b}' literal.
  const list = Array.isArray(roles)
    ? roles
    : roles
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);
  return list.filter((role): role is Role => roleSchema.safeParse(role).success);
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    organisationId: row.organisation_id,
    roles: parseRoles(row.roles),
    active: row.active,
    mustChangePassword: row.must_change_password,
    createdAt: toIso(row.created_at) ?? new Date(0).toISOString(),
  };
}

/** The part of a user (a stored or a demo one) that a request acts as; other fields are dropped. */
export function toSessionUser(user: Pick<User, keyof SessionUser>): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    organisationId: user.organisationId,
    roles: user.roles,
  };
}

function userNotFound(id: string): AppError {
  return new AppError('user.not_found', `找不到用户 ${id}`, `User ${id} not found`);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23503';
}

function organisationNotFound(id: string | null): AppError {
  return new AppError('organisation.not_found', `找不到单位 ${id}`, `Organisation ${id} not found`, {
    path: 'organisationId',
  });
}

// ---------------------------------------------------------------- organisations

/** All organisations, parents before children within each level (the tree is small). */
export async function listOrganisations(db: Database): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisations').selectAll().orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind, parentId: row.parent_id }));
}

/** The registered name of an organisation, or null when there is none of that id. */
export async function organisationName(db: Database, id: string): Promise<string | null> {
  const row = await db.selectFrom('organisations').select(['name']).where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * Stores an organisation, in the caller's transaction: a department goes under the finance bureau, a
 * unit under a department (`organisation.invalid_parent`); a name taken is `organisation.duplicate`.
 */
export async function insertOrganisation(
  db: Database,
  input: OrganisationCreate,
  id?: string,
): Promise<Organisation> {
  await checkParent(db, input.kind, input.parentId);
  try {
    const row = await db
      .insertInto('organisations')
      .values({ ...(id ? { id } : {}), name: input.name, kind: input.kind, parent_id: input.parentId })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, kind: row.kind, parentId: row.parent_id };
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateOrganisation(input.name);
    throw error;
  }
}

function duplicateOrganisation(name: string): AppError {
  return new AppError(
    'organisation.duplicate',
    `单位“${name}”已存在`,
    `An organisation named “${name}” exists`,
    {
      path: 'name',
    },
  );
}

const parentKind: Record<Organisation['kind'], Organisation['kind'] | null> = {
  finance: null,
  department: 'finance',
  unit: 'department',
};

async function checkParent(
  db: Pick<Database, 'selectFrom'>,
  kind: Organisation['kind'],
  parentId: string | null,
): Promise<void> {
  const expected = parentKind[kind];
  if (expected === null) {
    if (parentId !== null) {
      throw new AppError(
        'organisation.invalid_parent',
        '财政部门不能有上级单位',
        'A finance bureau has no parent',
        {
          path: 'parentId',
        },
      );
    }
    return;
  }
  const parent =
    parentId === null
      ? undefined
      : await db.selectFrom('organisations').select(['kind']).where('id', '=', parentId).executeTakeFirst();
  if (!parent || parent.kind !== expected) {
    throw new AppError(
      'organisation.invalid_parent',
      kind === 'unit' ? '预算单位的上级必须是主管部门' : '主管部门的上级必须是财政部门',
      kind === 'unit'
        ? 'A budget unit must be under a department'
        : 'A department must be under a finance bureau',
      { path: 'parentId' },
    );
  }
}

/** Renames or moves an organisation, in the caller's transaction, the row locked first; reports before and after. */
export async function storeOrganisationChange(
  db: Database,
  id: string,
  patch: OrganisationUpdate,
): Promise<{ before: Organisation; after: Organisation }> {
  const before = await db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw organisationNotFound(id);
  const kind = patch.kind ?? before.kind;
  const parentId = patch.parentId === undefined ? before.parent_id : patch.parentId;
  if (parentId === id) await checkParent(db, kind, '00000000-0000-0000-0000-000000000000');
  await checkParent(db, kind, parentId);
  try {
    const row = await db
      .updateTable('organisations')
      .set({ name: patch.name ?? before.name, kind, parent_id: parentId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      before: { id, name: before.name, kind: before.kind, parentId: before.parent_id },
      after: { id, name: row.name, kind: row.kind, parentId: row.parent_id },
    };
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateOrganisation(patch.name ?? before.name);
    throw error;
  }
}

// ---------------------------------------------------------------- users

export async function listUsers(db: Database): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function getUser(db: Database, id: string): Promise<User> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw userNotFound(id);
  return toUser(row);
}

/** The user and password hash for a sign-in, or undefined for an unknown name. */
export async function findCredentials(db: Database, username: string): Promise<UserCredentials | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

export interface NewUser {
  id?: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  roles: Role[];
  passwordHash: string;
  /** True for an account an administrator creates: its first sign-in asks for a password of its own. */
  mustChangePassword?: boolean;
}

/** Stores a user, in the caller's transaction; `user.duplicate` when the name is taken. */
export async function insertUser(db: Database, input: NewUser): Promise<User> {
  try {
    const row = await db
      .insertInto('users')
      .values({
        ...(input.id ? { id: input.id } : {}),
        username: input.username.trim().toLowerCase(),
        display_name: input.displayName,
        organisation_id: input.organisationId,
        roles: input.roles,
        password_hash: input.passwordHash,
        must_change_password: input.mustChangePassword ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        'user.duplicate',
        `用户名“${input.username}”已被使用`,
        `Username “${input.username}” is taken`,
        { path: 'username' },
      );
    }
    if (isForeignKeyViolation(error)) throw organisationNotFound(input.organisationId);
    throw error;
  }
}

/**
 * Changes name, organisation, roles or active flag, in the caller's transaction, the row locked first;
 * deactivating ends the user's sessions. Reports the user before and after.
 */
export async function storeUserChange(
  db: Database,
  id: string,
  patch: UserUpdate,
): Promise<{ before: User; after: User }> {
  const before = await db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!before) throw userNotFound(id);
  try {
    const row = await db
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        ...(patch.organisationId !== undefined ? { organisation_id: patch.organisationId } : {}),
        ...(patch.roles !== undefined ? { roles: patch.roles } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Roles or organisation changes apply at once: the sessions are re-read per request anyway,
    // but a deactivated user must not keep a live session.
    if (patch.active === false) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
    return { before: toUser(before), after: toUser(row) };
  } catch (error) {
    if (isForeignKeyViolation(error)) throw organisationNotFound(patch.organisationId ?? null);
    throw error;
  }
}

/**
 * Stores a new password hash and ends the user's sessions, in the caller's transaction. An
 * administrator's reset (`mustChange`) makes the user choose their own password at the next sign-in; a
 * user's own change clears that and keeps the session it was made in (`keepSession`).
 */
export async function storePassword(
  db: Database,
  id: string,
  passwordHash: string,
  options: { mustChange: boolean; keepSession?: string } = { mustChange: true },
): Promise<User> {
  const row = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: options.mustChange, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw userNotFound(id);
  let ended = db.deleteFrom('sessions').where('user_id', '=', id);
  if (options.keepSession) ended = ended.where('token_hash', '<>', options.keepSession);
  await ended.execute();
  return toUser(row);
}

// ---------------------------------------------------------------- sessions

export interface NewSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  address: string | null;
  userAgent: string | null;
}

/** Stores a session after a good password and logs the sign-in. */
export async function createSession(
  db: Database,
  session: NewSession,
  actor: AuditActor | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        expires_at: session.expiresAt,
        address: session.address,
        user_agent: session.userAgent,
      })
      .execute();
    await writeAudit(trx, {
      actor,
      action: 'auth.login',
      entity: 'user',
      entityId: session.userId,
      diff: null,
    });
  });
}

export interface StoredSession {
  user: SessionUser;
  csrfToken: string;
  expiresAt: Date;
  /** The user must choose a new password before anything else (admin-created or admin-reset account). */
  mustChangePassword: boolean;
}

/** The live session of a token hash: unexpired and of an active user, else undefined. */
export async function findSession(
  db: Database,
  tokenHash: string,
  now: Date,
): Promise<StoredSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    user: toSessionUser(toUser(row)),
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_at),
    mustChangePassword: row.must_change_password,
  };
}

/** Ends a session (sign-out) and logs it. */
export async function deleteSession(
  db: Database,
  tokenHash: string,
  actor: AuditActor | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('sessions')
      .where('token_hash', '=', tokenHash)
      .returning(['user_id'])
      .executeTakeFirst();
    if (row)
      await writeAudit(trx, {
        actor,
        action: 'auth.logout',
        entity: 'user',
        entityId: row.user_id,
        diff: null,
      });
  });
}

/** Removes expired sessions; returns how many. */
export async function deleteExpiredSessions(db: Database, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
