import type { Organisation, Role } from '@jixiao/core/accounts/account.schema';
import type { Database } from './database.ts';

// Demo organisations and one user per role, with fixed ids so that demo tables, tests and the README
// can name them. Created by the demo data and by the test sign-in helper; inserting twice is harmless.

/** The demo password of every demo user (README lists the users). */
export const demoPassword = 'jixiao2026';

export const demoOrganisationIds = {
  financeBureau: '0a000000-0000-4000-8000-000000000001',
  scienceCommission: '0a000000-0000-4000-8000-000000000002',
  /** The unit of the seed tables (上海推进科技创新中心建设办公室). */
  seedUnit: '0a000000-0000-4000-8000-000000000003',
  scienceInformationCentre: '0a000000-0000-4000-8000-000000000004',
  educationCommission: '0a000000-0000-4000-8000-000000000005',
  examinationAuthority: '0a000000-0000-4000-8000-000000000006',
} as const;

const o = demoOrganisationIds;

export const demoOrganisations: Organisation[] = [
  { id: o.financeBureau, name: '上海市财政局', kind: 'finance', parentId: null },
  { id: o.scienceCommission, name: '上海市科学技术委员会', kind: 'department', parentId: o.financeBureau },
  { id: o.seedUnit, name: '上海推进科技创新中心建设办公室', kind: 'unit', parentId: o.scienceCommission },
  {
    id: o.scienceInformationCentre,
    name: '上海市科学技术委员会信息中心',
    kind: 'unit',
    parentId: o.scienceCommission,
  },
  { id: o.educationCommission, name: '上海市教育委员会', kind: 'department', parentId: o.financeBureau },
  { id: o.examinationAuthority, name: '上海市教育考试院', kind: 'unit', parentId: o.educationCommission },
];

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  roles: Role[];
}

/** One demo user per role (the first of each role is the one tests sign in as), plus a second author. */
export const demoUsers: DemoUser[] = [
  {
    id: '0b000000-0000-4000-8000-000000000001',
    username: 'author',
    displayName: '王编报（科创办）',
    organisationId: o.seedUnit,
    roles: ['author'],
  },
  {
    id: '0b000000-0000-4000-8000-000000000002',
    username: 'dept',
    displayName: '李审核（市科委）',
    organisationId: o.scienceCommission,
    roles: ['department_reviewer'],
  },
  {
    id: '0b000000-0000-4000-8000-000000000003',
    username: 'finance',
    displayName: '张绩效（市财政局绩效处）',
    organisationId: o.financeBureau,
    roles: ['finance_reviewer'],
  },
  {
    id: '0b000000-0000-4000-8000-000000000004',
    username: 'admin',
    displayName: '系统管理员（市财政局）',
    organisationId: o.financeBureau,
    roles: ['admin'],
  },
  {
    id: '0b000000-0000-4000-8000-000000000005',
    username: 'auditor',
    displayName: '赵审计（市审计局）',
    organisationId: null,
    roles: ['auditor'],
  },
  {
    id: '0b000000-0000-4000-8000-000000000006',
    username: 'author2',
    displayName: '陈编报（市教育考试院）',
    organisationId: o.examinationAuthority,
    roles: ['author'],
  },
];

/** The demo user tests act as for a role. */
export function demoUserFor(role: Role): DemoUser {
  const user = demoUsers.find((u) => u.roles.includes(role));
  if (!user) throw new Error(`No demo user has the role ${role}`);
  return user;
}

/**
 * Inserts the demo organisations and users unless they exist (by id). `passwordHash` is the hash of
 * `demoPassword`, made by the caller (hashing lives in the server).
 */
export async function ensureDemoAccounts(db: Database, passwordHash: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const org of demoOrganisations) {
      await trx
        .insertInto('organisations')
        .values({ id: org.id, name: org.name, kind: org.kind, parent_id: org.parentId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const user of demoUsers) {
      await trx
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          display_name: user.displayName,
          organisation_id: user.organisationId,
          roles: user.roles,
          password_hash: passwordHash,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}
