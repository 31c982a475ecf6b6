import { z } from 'zod';

/** One row of the append-only audit log as the API returns it. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string().datetime(),
  actor: z.string().nullable().describe('User id, null for the system or an anonymous visitor'),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable().default(null).describe('The actor’s display name'),
  address: z.string().nullable().describe('IP address the request came from'),
  action: z.string().describe('Stable code such as table.update or auth.login_failed'),
  entity: z.string(),
  entityId: z.string().nullable(),
  entityName: z
    .string()
    .nullable()
    .default(null)
    .describe(
      'What the id names, as people know it (a table’s project, a user, a unit, a file); null if gone',
    ),
  diff: z.unknown(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** Filters of the audit log page and its CSV export. */
export const auditQuerySchema = z.object({
  actor: z.string().optional().describe('User id or username'),
  action: z.string().optional().describe('Exact code, or a prefix ending in a dot (auth.)'),
  entity: z.string().optional(),
  entityId: z.string().optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});
export type AuditList = z.infer<typeof auditListSchema>;
