import { auditListSchema, auditQuerySchema } from '@jixiao/core/accounts/audit-log.schema';
import { writeAudit } from '@jixiao/db/audit.repository';
import { auditCsv, queryAuditLog } from '@jixiao/db/audit-query.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor, authorize } from '../auth/authorize.ts';

/** Rows in one CSV export; a larger export should narrow the filters (dates) first. */
export const auditExportLimit = 10_000;

/** The audit log for administrators and auditors: filtered list and CSV export. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      onRequest: authorize('audit.read'),
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries, newest first, filtered by user, action, entity and date',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => queryAuditLog(app.db, request.query),
  );

  app.get(
    '/audit/export.csv',
    {
      onRequest: authorize('audit.read'),
      schema: {
        tags: ['audit'],
        summary: `The filtered audit log as CSV (at most ${auditExportLimit} rows)`,
        querystring: auditQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { items } = await queryAuditLog(app.db, {
        ...request.query,
        page: 1,
        pageSize: auditExportLimit,
      });
      // Taking a copy of the log is itself worth a line in it (oversight of the overseers).
      await writeAudit(app.db, {
        actor: auditActor(request),
        action: 'audit.export',
        entity: 'audit_log',
        entityId: null,
        diff: { filters: request.query, rows: items.length },
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(auditCsv(items));
    },
  );
};
