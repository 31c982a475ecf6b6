import type { Role } from '@jixiao/core/accounts/account.schema';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  createSession,
  deleteSession,
  findCredentials,
  findSession,
  insertOrganisation,
  insertUser,
  listOrganisations,
  storeOrganisationChange,
  storePassword,
  storeUserChange,
} from './accounts.repository.ts';
import { writeAudit } from './audit.repository.ts';
import { auditCsv, queryAuditLog } from './audit-query.repository.ts';
import type { Database } from './database.ts';
import { createTableRepository } from './tables.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

let counter = 0;

async function buildTree(db: Database) {
  counter += 1;
  const finance = await insertOrganisation(db, { name: `财政局${counter}`, kind: 'finance', parentId: null });
  const dept = await insertOrganisation(db, {
    name: `科委${counter}`,
    kind: 'department',
    parentId: finance.id,
  });
  const unit = await insertOrganisation(db, { name: `办公室${counter}`, kind: 'unit', parentId: dept.id });
  return { finance, dept, unit };
}

async function buildUser(db: Database, organisationId: string | null, roles: Role[] = ['author']) {
  counter += 1;
  return insertUser(db, {
    username: `User${counter}`,
    displayName: `用户${counter}`,
    organisationId,
    roles,
    passwordHash: 'hash',
  });
}

describeEachDatabase('accounts repository', (getDb) => {
  it('keeps the organisation tree finance → department → unit', async () => {
    const db = getDb();
    const { dept, unit } = await buildTree(db);
    const all = await listOrganisations(db);
    expect(all.find((o) => o.id === unit.id)?.parentId).toBe(dept.id);
    await expect(
      insertOrganisation(db, { name: 'x-unit', kind: 'unit', parentId: null }),
    ).rejects.toMatchObject({ code: 'organisation.invalid_parent' });
    await expect(
      insertOrganisation(db, { name: 'x-unit', kind: 'unit', parentId: unit.id }),
    ).rejects.toMatchObject({ code: 'organisation.invalid_parent' });
    await expect(
      insertOrganisation(db, { name: unit.name, kind: 'unit', parentId: dept.id }),
    ).rejects.toMatchObject({ code: 'organisation.duplicate' });
    const renamed = await storeOrganisationChange(db, unit.id, { name: `${unit.name}（新）` });
    expect([renamed.before.name, renamed.after.name]).toEqual([unit.name, `${unit.name}（新）`]);
  });

  it('stores usernames lower-case, refuses duplicates and never exposes the hash', async () => {
    const db = getDb();
    const { unit } = await buildTree(db);
    const user = await buildUser(db, unit.id, ['author', 'auditor']);
    expect(user.username).toBe(user.username.toLowerCase());
    expect(user.roles).toEqual(['author', 'auditor']);
    expect(JSON.stringify(user)).not.toContain('hash');
    await expect(
      insertUser(db, {
        username: user.username.toUpperCase(),
        displayName: 'x',
        organisationId: null,
        roles: ['author'],
        passwordHash: 'h',
      }),
    ).rejects.toMatchObject({ code: 'user.duplicate' });
    const credentials = await findCredentials(db, ` ${user.username.toUpperCase()} `);
    expect(credentials?.passwordHash).toBe('hash');
  });

  it('finds a live session of an active user only', async () => {
    const db = getDb();
    const user = await buildUser(db, null, ['finance_reviewer']);
    const now = new Date();
    const session = {
      tokenHash: `t-${user.id}`,
      userId: user.id,
      csrfToken: 'csrf',
      expiresAt: new Date(now.getTime() + 60_000),
      address: '127.0.0.1',
      userAgent: null,
    };
    await createSession(db, session, { userId: user.id, address: '127.0.0.1' });
    expect((await findSession(db, session.tokenHash, now))?.user).toMatchObject({
      id: user.id,
      roles: ['finance_reviewer'],
    });
    expect(await findSession(db, session.tokenHash, new Date(now.getTime() + 120_000))).toBeUndefined();
    await storeUserChange(db, user.id, { active: false });
    expect(await findSession(db, session.tokenHash, now)).toBeUndefined();
  });

  it('ends sessions on password reset and on sign-out', async () => {
    const db = getDb();
    const user = await buildUser(db, null);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 60_000);
    const base = { userId: user.id, csrfToken: 'c', expiresAt, address: null, userAgent: null };
    await createSession(db, { ...base, tokenHash: `a-${user.id}` }, null);
    await createSession(db, { ...base, tokenHash: `b-${user.id}` }, null);
    await deleteSession(db, `a-${user.id}`, null);
    expect(await findSession(db, `a-${user.id}`, now)).toBeUndefined();
    expect(await findSession(db, `b-${user.id}`, now)).toBeDefined();
    await storePassword(db, user.id, 'new-hash');
    expect(await findSession(db, `b-${user.id}`, now)).toBeUndefined();
  });

  it('finds account entries in the log by actor, action prefix and entity, naming whom they are about', async () => {
    const db = getDb();
    const actor = await buildUser(db, null, ['admin']);
    const target = await insertUser(db, {
      username: `target${counter}`,
      displayName: '目标',
      organisationId: null,
      roles: ['author'],
      passwordHash: 'h',
    });
    const by = { userId: actor.id, address: '10.1.1.1' };
    await writeAudit(db, { actor: by, action: 'user.create', entity: 'user', entityId: target.id, diff: {} });
    await writeAudit(db, {
      actor: by,
      action: 'user.update',
      entity: 'user',
      entityId: target.id,
      diff: { roles: { before: ['author'], after: ['auditor'] } },
    });
    const byActor = await queryAuditLog(db, { actor: actor.username, page: 1, pageSize: 50 });
    expect(byActor.items.map((e) => e.action)).toEqual(['user.update', 'user.create']);
    expect(byActor.items[0]).toMatchObject({
      actorUsername: actor.username,
      actorName: actor.displayName,
      address: '10.1.1.1',
      entityId: target.id,
      // The page shows whom the id names, not only the id.
      entityName: `目标（${target.username}）`,
      diff: { roles: { before: ['author'], after: ['auditor'] } },
    });
    const prefix = await queryAuditLog(db, { action: 'user.', entityId: target.id, page: 1, pageSize: 1 });
    expect(prefix.total).toBe(2);
    expect(prefix.items).toHaveLength(1);
    const future = await queryAuditLog(db, { from: '2999-01-01T00:00:00Z', page: 1, pageSize: 10 });
    expect(future.total).toBe(0);
    expect(JSON.stringify(byActor.items)).not.toContain('"h"');
  });

  it('names the table and the unit an audit entry refers to, and leaves an id that names nothing as it is', async () => {
    const db = getDb();
    const { unit } = await buildTree(db);
    const author = await buildUser(db, unit.id);
    const record = await createTableRepository(db).create(
      buildTable({ name: '审计命名项目', year: 2021 }),
      { userId: author.id },
      { organisationId: unit.id },
    );
    const created = await queryAuditLog(db, { entityId: record.id, page: 1, pageSize: 5 });
    expect(created.items[0]).toMatchObject({ entity: 'table', entityName: '审计命名项目（2021）' });
    await writeAudit(db, {
      actor: null,
      action: 'organisation.create',
      entity: 'organisation',
      entityId: unit.id,
      diff: unit,
    });
    const organisation = await queryAuditLog(db, { entityId: unit.id, page: 1, pageSize: 5 });
    expect(organisation.items[0]?.entityName).toBe(unit.name);
    await writeAudit(db, { actor: null, action: 'table.delete', entity: 'table', entityId: author.id });
    const gone = await queryAuditLog(db, {
      entityId: author.id,
      action: 'table.delete',
      page: 1,
      pageSize: 5,
    });
    expect(gone.items[0]?.entityName).toBeNull();
  });

  it('keeps the audit log append-only for account events too', async () => {
    const db = getDb();
    const user = await buildUser(db, null);
    await writeAudit(db, { actor: null, action: 'user.create', entity: 'user', entityId: user.id });
    await expect(sql`DELETE FROM audit_log WHERE action = 'user.create'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
  });
});

it('exports the audit log as CSV safe for Excel', () => {
  const csv = auditCsv([
    {
      id: '1',
      at: '2026-11-26T12:00:00.000Z',
      actor: 'u',
      actorUsername: 'admin',
      actorName: '管理员',
      address: '1.2.3.4',
      action: 'user.update',
      entity: 'user',
      entityId: 'x',
      entityName: null,
      diff: { displayName: { before: '张三', after: '=HYPERLINK("x")' } },
    },
  ]);
  expect(csv.startsWith('\uFEFFat,actorUsername')).toBe(true);
  expect(csv).toContain('"{""displayName"":{""before"":""张三"",""after"":""=HYPERLINK(\\""x\\"")""}}"');
  const formula = auditCsv([
    {
      id: '2',
      at: '2026-11-26T12:00:00.000Z',
      actor: null,
      actorUsername: '=cmd',
      actorName: null,
      address: null,
      action: 'a',
      entity: 'e',
      entityId: null,
      entityName: null,
      diff: null,
    },
  ]);
  expect(formula).toContain(",'=cmd,");
});
