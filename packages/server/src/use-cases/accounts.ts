import type {
  Organisation,
  OrganisationCreate,
  OrganisationUpdate,
  User,
  UserCreate,
  UserUpdate,
} from '@jixiao/core/accounts/account.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import {
  getUser,
  insertOrganisation,
  insertUser,
  storeOrganisationChange,
  storePassword,
  storeUserChange,
} from '@jixiao/db/accounts.repository';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { assertCan, requireUser } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { hashPassword } from '../auth/password.ts';
import { assertAcceptablePassword } from '../auth/password-policy.ts';
import { auditedWrite, authorisedWrite } from './audited-write.ts';

// Organisations and users as administrators keep them (organisation.manage, user.manage), and a user's
// own password: each change is written with its audit entry in one transaction. Password hashes never
// enter the audit log.

/**
 * Stores an organisation with its `organisation.create` entry. Asks no policy: callers have checked who
 * may manage organisations (the demo data files its corpus units as the system).
 */
export async function recordOrganisation(
  db: Database,
  actor: AuditActor,
  input: OrganisationCreate,
): Promise<Organisation> {
  return auditedWrite(
    db,
    actor,
    (trx) => insertOrganisation(trx, input),
    (organisation) => ({
      action: 'organisation.create',
      entity: 'organisation',
      entityId: organisation.id,
      diff: organisation,
    }),
  );
}

/** An administrator creates an organisation (POST /api/organisations); 401/403 for others. */
export async function addOrganisation(
  db: Database,
  caller: Caller,
  input: OrganisationCreate,
): Promise<Organisation> {
  assertCan(caller, 'organisation.manage');
  return recordOrganisation(db, auditActorOf(caller), input);
}

/** An administrator renames or moves an organisation (PATCH /api/organisations/:id): `organisation.update`. */
export async function changeOrganisation(
  db: Database,
  caller: Caller,
  id: string,
  patch: OrganisationUpdate,
): Promise<Organisation> {
  const { after } = await authorisedWrite(
    db,
    caller,
    'organisation.manage',
    (trx) => storeOrganisationChange(trx, id, patch),
    ({ before: { id: _before, ...was }, after: { id: _after, ...is } }) => ({
      action: 'organisation.update',
      entity: 'organisation',
      entityId: id,
      diff: { before: was, after: is },
    }),
  );
  return after;
}

/**
 * An administrator creates a user (POST /api/users) with a password that passes the policy; the account
 * chooses its own password at the first sign-in. `user.create` names the account, never the hash.
 */
export async function addUser(db: Database, caller: Caller, body: UserCreate): Promise<User> {
  assertCan(caller, 'user.manage');
  const { password, ...fields } = body;
  assertAcceptablePassword(password, fields.username, 'password');
  const passwordHash = await hashPassword(password);
  const actor = auditActorOf(caller);
  return auditedWrite(
    db,
    actor,
    (trx) => insertUser(trx, { ...fields, passwordHash, mustChangePassword: true }),
    (user) => ({
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      diff: {
        username: user.username,
        displayName: user.displayName,
        organisationId: user.organisationId,
        roles: user.roles,
      },
    }),
  );
}

/**
 * An administrator changes a user's name, organisation, roles or active flag (PATCH /api/users/:id),
 * with `user.update` naming what changed; they cannot deactivate themselves or drop their own admin
 * role (`user.self_lockout`): the last way back in would be the database.
 */
export async function changeUser(db: Database, caller: Caller, id: string, patch: UserUpdate): Promise<User> {
  assertCan(caller, 'user.manage');
  if (id === caller.user?.id && (patch.active === false || (patch.roles && !patch.roles.includes('admin')))) {
    throw new AppError(
      'user.self_lockout',
      '不能停用自己的账户或移除自己的管理员角色',
      'You cannot deactivate yourself or remove your own admin role',
      { path: patch.active === false ? 'active' : 'roles' },
    );
  }
  const actor = auditActorOf(caller);
  const { after } = await auditedWrite(
    db,
    actor,
    (trx) => storeUserChange(trx, id, patch),
    ({ before, after }) => {
      const diff: Record<string, { before: unknown; after: unknown }> = {};
      for (const key of ['displayName', 'organisationId', 'roles', 'active'] as const) {
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
          diff[key] = { before: before[key], after: after[key] };
        }
      }
      return { action: 'user.update', entity: 'user', entityId: id, diff };
    },
  );
  return after;
}

/**
 * An administrator sets a new password for user `id` (POST /api/users/:id/password): the user's sessions
 * end and they choose their own at the next sign-in; `user.password_reset`.
 */
export async function resetPassword(
  db: Database,
  caller: Caller,
  id: string,
  password: string,
): Promise<User> {
  assertCan(caller, 'user.manage');
  const target = await getUser(db, id);
  assertAcceptablePassword(password, target.username, 'password');
  const passwordHash = await hashPassword(password);
  const actor = auditActorOf(caller);
  return auditedWrite(
    db,
    actor,
    (trx) => storePassword(trx, target.id, passwordHash, { mustChange: true }),
    () => ({ action: 'user.password_reset', entity: 'user', entityId: id, diff: null }),
  );
}

/**
 * The signed-in caller sets their own new password (POST /api/auth/password, once the current one was
 * checked): other sessions end, the one it was made in (`keepSession`) goes on; `user.password_changed`.
 */
export async function changeOwnPassword(
  db: Database,
  caller: Caller,
  newPassword: string,
  keepSession: string,
): Promise<User> {
  const self = requireUser(caller);
  assertAcceptablePassword(newPassword, self.username, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  const actor = auditActorOf(caller);
  return auditedWrite(
    db,
    actor,
    (trx) => storePassword(trx, self.id, passwordHash, { mustChange: false, keepSession }),
    () => ({ action: 'user.password_changed', entity: 'user', entityId: self.id, diff: null }),
  );
}
