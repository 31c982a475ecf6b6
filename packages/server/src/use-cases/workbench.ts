import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { organisationPaths } from '@jixiao/core/accounts/organisation-paths';
import { type Action, can, type TableReadScope, tableReadScope } from '@jixiao/core/accounts/policies';
import { assessMonitoring, missingMeasureCount } from '@jixiao/core/monitoring/assess-monitoring';
import { monitoringReportSchema } from '@jixiao/core/monitoring/monitoring.schema';
import { DEFAULT_MONITORING_SCHEME, type Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { type TableStatus, tableStatusSchema } from '@jixiao/core/tables/table-record.schema';
import {
  calendarDay,
  isoDay,
  monitoringDueSince,
  selfEvaluationDueSince,
  startOfDay,
} from '@jixiao/core/workflow/workbench';
import {
  WORKBENCH_GROUP_LIMIT,
  type Workbench,
  type WorkbenchGroup,
  type WorkbenchGroupKind,
  type WorkbenchItem,
  type WorkbenchOverview,
} from '@jixiao/core/workflow/workbench.schema';
import { cutOffMonthFor } from '@jixiao/core/years/budget-year';
import type { BudgetYear } from '@jixiao/core/years/budget-year.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { budgetYearsOf } from '@jixiao/db/budget-years.repository';
import type { Database } from '@jixiao/db/database';
import {
  createWorkbenchRepository,
  type Organisations,
  type WorkbenchTableRow,
} from '@jixiao/db/workbench.repository';

// The workbench (我的待办): for each role the tables whose next step is the user's, oldest first. Lists
// are computed in SQL over the user's read scope; each row is checked once more against the policy of
// the action the user would take, so a list never offers what the user cannot do.

const scheme = DEFAULT_MONITORING_SCHEME;

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** Who asks, and each organisation's path up the tree (computed once per request and organisation). */
interface Asker {
  user: SessionUser;
  pathOf: (organisationId: string | null) => string[];
}

type Day = ReturnType<typeof calendarDay>;
type Lists = ReturnType<typeof createWorkbenchRepository>;

function baseItem(row: WorkbenchTableRow, since: Date | string): WorkbenchItem {
  return {
    tableId: row.id,
    version: row.version,
    name: row.name,
    unit: row.unit,
    year: row.year,
    status: tableStatusSchema.parse(row.status),
    waitingSince: iso(since),
    returned: null,
    cutOffMonth: null,
    light: null,
    missingMeasures: null,
    rectification: null,
  };
}

/** Keeps the rows on which the user may do `action` (the policy is the last word, not the SQL filter). */
function allowed<R extends { status: string; organisation_id: string | null }>(
  asker: Asker,
  action: Action,
  rows: R[],
): R[] {
  return rows.filter((row) =>
    can(asker.user, action, {
      status: row.status as TableStatus,
      organisationPath: asker.pathOf(row.organisation_id),
    }),
  );
}

async function statusGroup(
  lists: Lists,
  asker: Asker,
  kind: WorkbenchGroupKind,
  organisations: Organisations,
  status: TableStatus,
  action: Action,
  since: 't.created_at' | 't.updated_at',
): Promise<WorkbenchGroup> {
  const { rows, total } = await lists.withStatus(organisations, status, since);
  const mine = allowed(asker, action, rows);
  return {
    kind,
    count: total - (rows.length - mine.length),
    items: mine.map((row) => baseItem(row, row.since)),
  };
}

/** Returned tables with who returned them, when, and the comments of that round. */
async function returnedGroup(
  lists: Lists,
  asker: Asker,
  organisations: Organisations,
): Promise<WorkbenchGroup> {
  const { rows, total } = await lists.withStatus(organisations, 'returned', 't.updated_at');
  const mine = allowed(asker, 'table.submit', rows);
  const { events, rounds } = await lists.returnRounds(mine.map((row) => row.id));
  const eventOf = new Map(events.map((e) => [e.table_id, e]));
  const commentsOf = new Map(rounds.map((r) => [r.table_id, Number(r.comments ?? 0)]));
  const items = mine.map((row) => {
    const event = eventOf.get(row.id);
    // A table set to returned without a recorded transition (imports, tests) waits since its last change.
    const at = event ? event.created_at : row.since;
    return {
      ...baseItem(row, at),
      returned: {
        by: event?.actor_name ?? null,
        at: iso(at),
        openComments: commentsOf.get(row.id) ?? 0,
        comment: event?.comment ?? null,
      },
    };
  });
  items.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.tableId.localeCompare(b.tableId));
  return { kind: 'returned', count: total - (rows.length - mine.length), items };
}

async function monitoringDueGroup(
  lists: Lists,
  asker: Asker,
  organisations: Organisations,
  today: Day,
  settings: readonly BudgetYear[],
): Promise<WorkbenchGroup> {
  // Years an administrator set (预算年度设置) may move the cut-off month per region: each table then
  // owes the report of its own region's month, which only its framework tells, so those are sorted out
  // here; without settings every table owes the default month and SQL does it all.
  if (settings.length > 0) return monitoringDueBySetting(lists, asker, organisations, today, settings);
  const due = monitoringDueSince(today.year, scheme.cutOffMonth, today);
  if (!due) return { kind: 'monitoring_due', count: 0, items: [] };
  const { rows, total } = await lists.monitoringDue(organisations, today.year, scheme.cutOffMonth);
  const mine = allowed(asker, 'table.report', rows);
  return {
    kind: 'monitoring_due',
    count: total - (rows.length - mine.length),
    items: mine.map((row) => ({ ...baseItem(row, due), cutOffMonth: scheme.cutOffMonth })),
  };
}

/** monitoring_due when this year has settings: each table's cut-off month from its region's setting. */
async function monitoringDueBySetting(
  lists: Lists,
  asker: Asker,
  organisations: Organisations,
  today: Day,
  settings: readonly BudgetYear[],
): Promise<WorkbenchGroup> {
  const earliest = Math.min(scheme.cutOffMonth, ...settings.map((s) => s.cutOffMonth));
  if (!monitoringDueSince(today.year, earliest, today))
    return { kind: 'monitoring_due', count: 0, items: [] };
  // Only the author's own unit asks (monitoring_due is an author's list), so these are a unit's tables.
  const rows = await lists.monitoredTables(organisations, today.year);
  const reports = await lists.reportedMonths(rows.map((r) => r.id));
  const reported = new Set(reports.map((r) => `${r.table_id}/${r.cut_off_month}`));
  const waiting = rows.flatMap((row) => {
    const indicators = typeof row.indicators === 'string' ? JSON.parse(row.indicators) : row.indicators;
    const month = cutOffMonthFor(settings, { year: row.year, indicators: indicators ?? [] });
    const due = monitoringDueSince(today.year, month, today);
    return due && !reported.has(`${row.id}/${month}`) ? [{ row, month, due }] : [];
  });
  const mine = allowed(
    asker,
    'table.report',
    waiting.map((w) => ({ ...w, status: w.row.status, organisation_id: w.row.organisation_id })),
  );
  return {
    kind: 'monitoring_due',
    count: mine.length,
    items: mine
      .slice(0, WORKBENCH_GROUP_LIMIT)
      .map(({ row, month, due }) => ({ ...baseItem(row, due), cutOffMonth: month })),
  };
}

async function selfEvaluationDueGroup(
  lists: Lists,
  asker: Asker,
  organisations: Organisations,
  today: Day,
): Promise<WorkbenchGroup> {
  // Oldest year first: its self-evaluation has waited longest.
  const { rows, total } = await lists.selfEvaluationDue(organisations, today.year);
  const mine = allowed(asker, 'table.report', rows);
  const items = mine.flatMap((row) => {
    const since = selfEvaluationDueSince(row.year, today);
    return since ? [baseItem(row, since)] : [];
  });
  items.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.tableId.localeCompare(b.tableId));
  return { kind: 'self_evaluation_due', count: total - (rows.length - mine.length), items };
}

/** Red/yellow lights of the author's own unit whose deviations lack a corrective measure. */
async function lightsNeedMeasureGroup(
  lists: Lists,
  asker: Asker,
  organisations: Organisations,
): Promise<WorkbenchGroup> {
  const rows = allowed(asker, 'table.report', await lists.redAndYellowLights(organisations));
  const items: WorkbenchItem[] = [];
  for (const row of rows) {
    const missing = row.missing_measures ?? assessMissingMeasures(row.content, row.report);
    if (missing === 0) continue;
    items.push({
      ...baseItem(row, row.since),
      cutOffMonth: row.cut_off_month,
      light: row.light as Light,
      missingMeasures: missing,
    });
  }
  return { kind: 'lights_need_measure', count: items.length, items: items.slice(0, WORKBENCH_GROUP_LIMIT) };
}

/** The missing measures of a report saved before they were counted at each save. */
function assessMissingMeasures(content: unknown, stored: unknown): number {
  try {
    const table = performanceTableSchema.parse(content);
    const report = monitoringReportSchema.parse(stored);
    return missingMeasureCount(assessMonitoring(table, report, scheme));
  } catch {
    // A report that does not fit the table (indicators removed by an adjustment) is re-entered on the
    // monitoring page; the stored light still says it needs attention.
    return 1;
  }
}

/** Red lights in a reviewer's scope (the read scope is the SQL filter: nothing to act on, only to see). */
async function redLightsGroup(lists: Lists, organisations: Organisations): Promise<WorkbenchGroup> {
  const { rows, total } = await lists.redLights(organisations);
  const items = rows.map((row) => ({
    ...baseItem(row, row.since),
    cutOffMonth: row.cut_off_month,
    light: 'red' as const,
  }));
  return { kind: 'red_lights', count: total, items };
}

/**
 * Tables with 整改 tasks waiting for the user: open ones for the unit's authors to answer (table.report),
 * answered ones for the reviewers above it to close (table.adjust_score); earliest deadline first.
 */
async function rectificationGroup(
  lists: Lists,
  asker: Asker,
  kind: 'rectifications_open' | 'rectifications_to_close',
  organisations: Organisations,
): Promise<WorkbenchGroup> {
  const open = kind === 'rectifications_open';
  const { rows, total } = await lists.rectificationTables(organisations, open ? 'open' : 'answered');
  const mine = allowed(asker, open ? 'table.report' : 'table.adjust_score', rows);
  return {
    kind,
    count: total - (rows.length - mine.length),
    items: mine.map((row) => ({
      ...baseItem(row, row.since),
      rectification: { tasks: row.tasks, deadline: row.deadline },
    })),
  };
}

async function overview(lists: Lists, start: Date): Promise<WorkbenchOverview> {
  const figures = await lists.overview(start);
  const byStatus = tableStatusSchema.options.map((status) => ({
    status,
    count: figures.statusCounts.get(status) ?? 0,
  }));
  return {
    tables: byStatus.reduce((sum, s) => sum + s.count, 0),
    byStatus,
    redLights: figures.redLights,
    activeUsers: figures.activeUsers,
    auditEventsToday: figures.auditEvents,
  };
}

/** The workbench of `user` on the day of `now` (Beijing's calendar). */
export async function workbenchFor(db: Database, user: SessionUser, now: Date): Promise<Workbench> {
  const lists = createWorkbenchRepository(db);
  const today = calendarDay(now);
  const settings = await budgetYearsOf(db, [today.year]);
  // The month the page speaks of: this year's, when every region set for it agrees on one.
  const months = new Set(settings.map((s) => s.cutOffMonth));
  const cutOffMonth = months.size === 1 ? ([...months][0] ?? scheme.cutOffMonth) : scheme.cutOffMonth;
  // One read of the organisation tree per request, for the scope and every row's policy check.
  const organisations = await listOrganisations(db);
  const scope: TableReadScope = tableReadScope(user, organisations);
  const asker: Asker = { user, pathOf: organisationPaths(organisations) };
  // The read scope adds every published table; lists keep to the tables the user is responsible for.
  const inScope: Organisations = scope.all ? null : scope.organisationIds;
  const own: Organisations =
    user.organisationId === null || (inScope !== null && !inScope.includes(user.organisationId))
      ? []
      : [user.organisationId];
  const empty = (o: Organisations) => o !== null && o.length === 0;
  const tasks: Promise<WorkbenchGroup>[] = [];
  const roles = new Set(user.roles);
  if (roles.has('author') && !empty(own)) {
    tasks.push(
      statusGroup(lists, asker, 'drafts', own, 'draft', 'table.submit', 't.created_at'),
      returnedGroup(lists, asker, own),
      monitoringDueGroup(lists, asker, own, today, settings),
      selfEvaluationDueGroup(lists, asker, own, today),
      lightsNeedMeasureGroup(lists, asker, own),
      rectificationGroup(lists, asker, 'rectifications_open', own),
    );
  }
  if (roles.has('department_reviewer') && !empty(inScope)) {
    tasks.push(
      statusGroup(
        lists,
        asker,
        'department_queue',
        inScope,
        'submitted',
        'table.review_department',
        't.updated_at',
      ),
    );
  }
  if (roles.has('finance_reviewer')) {
    tasks.push(
      statusGroup(
        lists,
        asker,
        'finance_queue',
        inScope,
        'department_reviewed',
        'table.review_finance',
        't.updated_at',
      ),
      statusGroup(lists, asker, 'to_publish', inScope, 'approved', 'table.publish', 't.updated_at'),
    );
  }
  if ((roles.has('department_reviewer') || roles.has('finance_reviewer')) && !empty(inScope)) {
    tasks.push(
      redLightsGroup(lists, inScope),
      rectificationGroup(lists, asker, 'rectifications_to_close', inScope),
    );
  }
  const groups = await Promise.all(tasks);
  const oversees = roles.has('admin') || roles.has('auditor');
  const dayStart = startOfDay(today.year, today.month, today.day);
  return {
    today: isoDay(today),
    cutOffMonth,
    total: groups.reduce((sum, g) => sum + g.count, 0),
    groups,
    overview: oversees ? await overview(lists, dayStart) : null,
  };
}
