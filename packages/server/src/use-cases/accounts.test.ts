import { findCredentials, getUser, listOrganisations } from '@jixiao/db/accounts.repository';
import type { Database } from '@jixiao/db/database';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password.ts';
import {
  admin,
  auditEntriesOf,
  author,
  DEPARTMENT,
  FINANCE,
  forbidden,
  insertOrganisations,
  refusal,
  unauthenticated,
} from '../testing/use-case-world.ts';
import {
  addOrganisation,
  addUser,
  changeOrganisation,
  changeOwnPassword,
  changeUser,
  resetPassword,
} from './accounts.ts';

let counter = 0;
const newUser = () => {
  counter += 1;
  return {
    username: `uc-user-${counter}`,
    displayName: `用户${counter}`,
    organisationId: null,
    roles: ['author' as const],
    password: 'Quiet-harbour-41',
  };
};

async function organisationNamed(db: Database, name: string) {
  return (await listOrganisations(db)).find((o) => o.name === name);
}

describeEachDatabase('account use cases', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('creates and moves an organisation with `organisation.create` and `organisation.update`', async () => {
    const db = getDb();
    const unit = await addOrganisation(
      db,
      { user: admin, address: '10.0.0.9' },
      {
        name: '新建单位',
        kind: 'unit',
        parentId: DEPARTMENT,
      },
    );
    const renamed = await changeOrganisation(db, { user: admin }, unit.id, { name: '新建单位（更名）' });
    expect(renamed).toMatchObject({ id: unit.id, name: '新建单位（更名）', parentId: DEPARTMENT });
    expect(await auditEntriesOf(db, unit.id)).toMatchObject([
      {
        action: 'organisation.create',
        actor: admin.id,
        actor_address: '10.0.0.9',
        diff: { name: '新建单位' },
      },
      {
        action: 'organisation.update',
        diff: { before: { name: '新建单位', kind: 'unit' }, after: { name: '新建单位（更名）' } },
      },
    ]);
  });

  it('refuses non-administrators with their zh/en errors, and writes nothing when the entry fails', async () => {
    const db = getDb();
    const input = { name: '拒绝单位', kind: 'department' as const, parentId: FINANCE };
    expect(await refusal(addOrganisation(db, { user: author }, input))).toMatchObject(forbidden);
    expect(await refusal(addOrganisation(db, { user: null }, input))).toMatchObject(unauthenticated);
    await expect(
      withFailingWrites(db, 'audit_log', () => addOrganisation(db, { user: admin }, input)),
    ).rejects.toThrow(/write refused/);
    expect(await organisationNamed(db, '拒绝单位')).toBeUndefined();
    expect(
      await refusal(changeOrganisation(db, { user: author }, DEPARTMENT, { name: '改名' })),
    ).toMatchObject(forbidden);
    expect((await organisationNamed(db, '测试主管部门'))?.id).toBe(DEPARTMENT);
    expect(await auditEntriesOf(db, DEPARTMENT)).toEqual([]);
  });

  it('creates a user who must choose a password, changes and resets it, each audited without the hash', async () => {
    const db = getDb();
    const body = newUser();
    const user = await addUser(db, { user: admin }, body);
    expect(user).toMatchObject({ username: body.username, mustChangePassword: true });
    await changeUser(db, { user: admin }, user.id, { roles: ['auditor'] });
    await resetPassword(db, { user: admin }, user.id, 'Copper-lantern-77');
    const self = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      organisationId: null,
    };
    const changed = await changeOwnPassword(
      db,
      { user: { ...self, roles: ['auditor'] } },
      'Silver-meadow-58',
      'kept-session',
    );
    expect(changed.mustChangePassword).toBe(false);
    const credentials = await findCredentials(db, user.username);
    expect(await verifyPassword(credentials?.passwordHash ?? null, 'Silver-meadow-58')).toBe(true);
    const audit = await auditEntriesOf(db, user.id);
    expect(audit).toMatchObject([
      { action: 'user.create', actor: admin.id, diff: { username: body.username, roles: ['author'] } },
      { action: 'user.update', diff: { roles: { before: ['author'], after: ['auditor'] } } },
      { action: 'user.password_reset', diff: null },
      { action: 'user.password_changed', actor: user.id, diff: null },
    ]);
    expect(JSON.stringify(audit)).not.toContain(credentials?.passwordHash ?? 'no hash');
  });

  it('refuses a non-administrator and an administrator locking themselves out, changing nothing', async () => {
    const db = getDb();
    const body = newUser();
    expect(await refusal(addUser(db, { user: author }, body))).toMatchObject(forbidden);
    expect(await findCredentials(db, body.username)).toBeUndefined();
    const user = await addUser(db, { user: admin }, body);
    expect(await refusal(changeUser(db, { user: author }, user.id, { active: false }))).toMatchObject(
      forbidden,
    );
    expect(await refusal(resetPassword(db, { user: null }, user.id, 'Copper-lantern-77'))).toMatchObject(
      unauthenticated,
    );
    const lockout = await refusal(changeUser(db, { user: admin }, admin.id, { active: false }));
    expect(lockout).toMatchObject({
      code: 'user.self_lockout',
      zh: '不能停用自己的账户或移除自己的管理员角色',
      en: 'You cannot deactivate yourself or remove your own admin role',
      location: { path: 'active' },
    });
    await expect(
      withFailingWrites(db, 'audit_log', () => changeUser(db, { user: admin }, user.id, { active: false })),
    ).rejects.toThrow(/write refused/);
    expect((await getUser(db, user.id)).active).toBe(true);
    expect((await auditEntriesOf(db, user.id)).map((a) => a.action)).toEqual(['user.create']);
  });
});
