import type { TableStatus } from '../tables/table-record.schema.ts';
import type { Organisation, Role, SessionUser } from './account.schema.ts';

/**
 * Everything a user may try to do. Table actions are checked against one table (or, for `table.create`
 * and `table.import`, against the organisation the new tables go to); the others concern the system.
 */
export const actions = [
  'table.read',
  'table.history',
  'table.create',
  'table.import',
  'table.update',
  'table.delete',
  'table.submit',
  'table.withdraw',
  'table.review_department',
  'table.review_finance',
  'table.approve',
  'table.publish',
  'table.adjust',
  'table.unpublish',
  'table.report',
  'table.adjust_score',
  'organisation.read',
  'organisation.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'ruleset.manage',
  'library.manage',
  'budget_year.manage',
  'layout_template.manage',
] as const;
export type Action = (typeof actions)[number];

export type TableAction = Extract<Action, `table.${string}`>;
export type SystemAction = Exclude<Action, TableAction>;

/**
 * A table as policies see it: its status and the ids of its organisation and every organisation above it
 * (unit → department → finance bureau), so "units under my department" needs no database here.
 */
export interface TableResource {
  status: TableStatus;
  organisationPath: readonly string[];
}

/** Who asks: a signed-in user, or `null` for an anonymous visitor (the public). */
export type Actor = SessionUser | null;

type Predicate = (user: SessionUser, table: TableResource) => boolean;

/** One grant: these roles may do the action when every predicate holds. */
interface Grant {
  roles: readonly Role[];
  when?: readonly Predicate[];
}

// Small predicates the grants are built from.
const ownUnit: Predicate = (user, table) =>
  user.organisationId !== null && table.organisationPath[0] === user.organisationId;
const underOwnOrganisation: Predicate = (user, table) =>
  user.organisationId !== null && table.organisationPath.includes(user.organisationId);
const statusIn =
  (...statuses: TableStatus[]): Predicate =>
  (_user, table) =>
    statuses.includes(table.status);

const everyRole = ['author', 'department_reviewer', 'finance_reviewer', 'admin', 'auditor'] as const;
const readAll = ['finance_reviewer', 'admin', 'auditor'] as const;

/**
 * The declared policy: for each action, who may do it and when. Anonymous visitors are granted nothing
 * here: the public reads published versions through the public portal's routes and presenter, never the
 * working records (current version, drafts, warnings, reviewers). The auditor appears in read grants only.
 */
const policy: Record<Action, readonly Grant[]> = {
  'table.read': [
    { roles: readAll },
    { roles: ['author'], when: [ownUnit] },
    { roles: ['department_reviewer'], when: [underOwnOrganisation] },
    { roles: everyRole, when: [statusIn('published')] },
  ],
  // Earlier versions and diffs are working papers: the same readers, but never the anonymous public,
  // who see only what was published.
  'table.history': [
    { roles: readAll },
    { roles: ['author'], when: [ownUnit] },
    { roles: ['department_reviewer'], when: [underOwnOrganisation] },
    { roles: everyRole, when: [statusIn('published')] },
  ],
  'table.create': [{ roles: ['author'], when: [ownUnit] }],
  'table.import': [{ roles: ['author'], when: [ownUnit] }],
  // Only drafts and returned tables are editable; approved versions are frozen (see table.adjust).
  'table.update': [{ roles: ['author'], when: [ownUnit, statusIn('draft', 'returned')] }],
  'table.delete': [{ roles: ['author'], when: [ownUnit, statusIn('draft')] }],
  'table.submit': [{ roles: ['author'], when: [ownUnit, statusIn('draft', 'returned')] }],
  // 撤回: the unit's author takes its submission back while it waits for the department.
  'table.withdraw': [{ roles: ['author'], when: [ownUnit, statusIn('submitted')] }],
  'table.review_department': [
    { roles: ['department_reviewer'], when: [underOwnOrganisation, statusIn('submitted')] },
  ],
  'table.review_finance': [{ roles: ['finance_reviewer'], when: [statusIn('department_reviewed')] }],
  'table.approve': [{ roles: ['finance_reviewer'], when: [statusIn('department_reviewed')] }],
  'table.publish': [{ roles: ['finance_reviewer'], when: [statusIn('approved')] }],
  // A change after approval (调整) starts a new version that goes through review again.
  'table.adjust': [{ roles: ['author'], when: [ownUnit, statusIn('approved', 'published')] }],
  // 撤销公开: the administrator takes a publication off the portal (the reason stays as a public notice).
  'table.unpublish': [{ roles: ['admin'], when: [statusIn('published')] }],
  // Monitoring progress (双监控) and year-end actuals (自评) are reported on approved targets only.
  'table.report': [{ roles: ['author'], when: [ownUnit, statusIn('approved', 'published')] }],
  // Reviewers above the unit correct a self-evaluation score, with a reason kept in the audit log.
  'table.adjust_score': [
    { roles: ['department_reviewer'], when: [underOwnOrganisation, statusIn('approved', 'published')] },
    { roles: ['finance_reviewer'], when: [statusIn('approved', 'published')] },
  ],
  'organisation.read': [{ roles: everyRole }],
  'organisation.manage': [{ roles: ['admin'] }],
  'user.read': [{ roles: ['admin', 'auditor'] }],
  'user.manage': [{ roles: ['admin'] }],
  'audit.read': [{ roles: ['admin', 'auditor'] }],
  'ruleset.manage': [{ roles: ['admin'] }],
  // The indicator library (指标库) is the finance bureau's: admins keep it, everyone signed in reads it.
  'library.manage': [{ roles: ['admin'] }],
  // Budget years (预算年度设置): which years are open, deadlines, the monitoring cut-off month.
  'budget_year.manage': [{ roles: ['admin'] }],
  'layout_template.manage': [{ roles: ['admin'] }],
};

const noTable: TableResource = { status: 'draft', organisationPath: [] };

/** Whether `user` (null: anonymous) may do `action`, on `table` for table actions. */
export function can(user: Actor, action: Action, table?: TableResource): boolean {
  const resource = table ?? noTable;
  if (user === null) return false;
  if (action.startsWith('table.') && table === undefined) return false;
  return policy[action].some(
    (grant) =>
      grant.roles.some((role) => user.roles.includes(role)) &&
      (grant.when ?? []).every((predicate) => predicate(user, resource)),
  );
}

/** The table actions `user` may do on `table`, sent with the data so the UI shows only those. */
export function allowedTableActions(user: Actor, table: TableResource): TableAction[] {
  return actions.filter(
    (action): action is TableAction => action.startsWith('table.') && can(user, action, table),
  );
}

/** The system actions (admin pages, audit log) `user` may do, for the navigation. */
export function allowedSystemActions(user: Actor): SystemAction[] {
  return actions.filter(
    (action): action is SystemAction => !action.startsWith('table.') && can(user, action),
  );
}

/** Finds paths in one organisation tree, indexed once (a path per organisation stays linear). */
function pathFinder(organisations: readonly Organisation[]): (organisationId: string | null) => string[] {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  return (organisationId) => {
    const path: string[] = [];
    let current = organisationId === null ? undefined : byId.get(organisationId);
    // The guard on length stops a (corrupt) cycle in the tree from looping forever.
    while (current && path.length <= organisations.length) {
      path.push(current.id);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    if (path.length === 0 && organisationId !== null) path.push(organisationId);
    return path;
  };
}

/** Ids from `organisationId` up to the root, e.g. [unit, department, finance bureau]. */
export function organisationPath(
  organisationId: string | null,
  organisations: readonly Organisation[],
): string[] {
  return pathFinder(organisations)(organisationId);
}

/**
 * Which tables a list shows to `user`: all of them, or those of some organisations plus (signed in)
 * every published one. Storage turns this into a WHERE clause so paging stays right.
 */
export type TableReadScope = { all: true } | { all: false; organisationIds: string[]; published: boolean };

/** The read scope of `user` given the organisation tree (derived from the `table.read` grants). */
export function tableReadScope(user: Actor, organisations: readonly Organisation[]): TableReadScope {
  if (user?.roles.some((role) => (readAll as readonly Role[]).includes(role))) return { all: true };
  const ids = new Set<string>();
  const own = user?.organisationId ?? null;
  if (user && own !== null) {
    if (user.roles.includes('author')) ids.add(own);
    if (user.roles.includes('department_reviewer')) {
      const pathOf = pathFinder(organisations);
      for (const o of organisations) {
        if (pathOf(o.id).includes(own)) ids.add(o.id);
      }
    }
  }
  return { all: false, organisationIds: [...ids].sort(), published: user !== null };
}
