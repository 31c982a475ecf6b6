import { z } from 'zod';
import { cutOffMonthSchema, lightSchema } from '../monitoring/monitoring-scheme.schema.ts';
import { tableStatusSchema } from '../tables/table-record.schema.ts';

/**
 * The lists of the workbench (我的待办), each a next step someone has to take. Which ones a user gets
 * follows from their roles: authors the first five and open 整改 tasks, reviewers their queues, red
 * lights and answered 整改 tasks.
 */
export const workbenchGroupKindSchema = z.enum([
  /** 草稿未提交: drafts of the author's unit. */
  'drafts',
  /** 被退回: tables returned to the author, with the review comments to act on. */
  'returned',
  /** 监控未填报: approved/published tables whose report for the scheme's cut-off month is due and missing. */
  'monitoring_due',
  /** 自评未完成: tables whose year has ended without a complete self-evaluation. */
  'self_evaluation_due',
  /** 红黄灯待纠偏: red/yellow monitoring lights whose deviation lacks a corrective measure. */
  'lights_need_measure',
  /** 待主管部门审核: submitted tables of the units under a department reviewer. */
  'department_queue',
  /** 待财政审核: tables forwarded to finance. */
  'finance_queue',
  /** 待公开: approved tables not yet published. */
  'to_publish',
  /** 红灯: tables in the reviewer's scope whose latest monitoring report shows red. */
  'red_lights',
  /** 整改待答复: tables of the author's unit with 整改 tasks not yet answered. */
  'rectifications_open',
  /** 整改待确认: tables in the reviewer's scope with answered 整改 tasks to close. */
  'rectifications_to_close',
]);
export type WorkbenchGroupKind = z.infer<typeof workbenchGroupKindSchema>;

/** Who returned a table, when, and how many comments of that round the author still has to act on. */
export const workbenchReturnSchema = z.object({
  by: z.string().nullable(),
  at: z.string().datetime(),
  openComments: z.number().int().nonnegative(),
  comment: z.string().nullable(),
});
export type WorkbenchReturn = z.infer<typeof workbenchReturnSchema>;

/** One table waiting for the user, with what the UI needs to say why and open the right page. */
export const workbenchItemSchema = z.object({
  tableId: z.string().uuid(),
  version: z.number().int().positive(),
  name: z.string(),
  unit: z.string(),
  year: z.number().int(),
  status: tableStatusSchema,
  /** Since when the step is due (the transition into the status, the end of the cut-off month, …). */
  waitingSince: z.string().datetime(),
  returned: workbenchReturnSchema.nullable(),
  /** The monitoring cut-off month concerned (monitoring and light groups). */
  cutOffMonth: cutOffMonthSchema.nullable(),
  light: lightSchema.nullable(),
  /** Red/yellow lines of the latest report without a corrective measure (lights_need_measure). */
  missingMeasures: z.number().int().nonnegative().nullable(),
  /** The table's 整改 tasks of the group (rectification groups): how many, the earliest deadline. */
  rectification: z
    .object({ tasks: z.number().int().positive(), deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
    .nullable(),
});
export type WorkbenchItem = z.infer<typeof workbenchItemSchema>;

/** At most this many items per group are sent; `count` still counts them all. */
export const WORKBENCH_GROUP_LIMIT = 50;

export const workbenchGroupSchema = z.object({
  kind: workbenchGroupKindSchema,
  /** Every waiting table of the group, also beyond the items sent. */
  count: z.number().int().nonnegative(),
  /** Oldest first, at most WORKBENCH_GROUP_LIMIT. */
  items: z.array(workbenchItemSchema),
});
export type WorkbenchGroup = z.infer<typeof workbenchGroupSchema>;

/** Counts for admins and auditors, who act on no table but want to see where things stand. */
export const workbenchOverviewSchema = z.object({
  tables: z.number().int().nonnegative(),
  byStatus: z.array(z.object({ status: tableStatusSchema, count: z.number().int().nonnegative() })),
  redLights: z.number().int().nonnegative(),
  activeUsers: z.number().int().nonnegative(),
  auditEventsToday: z.number().int().nonnegative(),
});
export type WorkbenchOverview = z.infer<typeof workbenchOverviewSchema>;

/** GET /api/workbench: what waits for the signed-in user now. */
export const workbenchSchema = z.object({
  /** The date the lists were computed for (YYYY-MM-DD), so "due" is reproducible. */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The monitoring scheme's cut-off month used for `monitoring_due`. */
  cutOffMonth: cutOffMonthSchema,
  /** Items across all groups (the navigation badge). */
  total: z.number().int().nonnegative(),
  groups: z.array(workbenchGroupSchema),
  overview: workbenchOverviewSchema.nullable(),
});
export type Workbench = z.infer<typeof workbenchSchema>;
