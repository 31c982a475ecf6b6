import { AppError } from '@jixiao/core/errors/app-error';
import { assessMonitoring } from '@jixiao/core/monitoring/assess-monitoring';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { evidenceMaxBytes, evidenceMaxFiles } from '@jixiao/core/rectification/evidence-files.limits';
import {
  linkageSuggestion,
  monitoringProblems,
  rectificationProblems,
} from '@jixiao/core/rectification/rectification';
import {
  budgetLinkageSchema,
  linkageDecisionInputSchema,
  rectificationAnswerSchema,
  rectificationCloseSchema,
  rectificationOpenSchema,
  rectificationReturnSchema,
  rectificationStatusSchema,
  rectificationTaskSchema,
} from '@jixiao/core/rectification/rectification.schema';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import {
  getMonitoringReport,
  getSelfEvaluation,
  latestMonitoringMonth,
} from '@jixiao/db/evaluation.repository';
import {
  addRectificationEvidence,
  answerRectification,
  closeRectification,
  getLinkageDecision,
  listRectifications,
  openRectifications,
  previousEvaluation,
  removeRectificationEvidence,
  returnRectification,
  saveLinkageDecision,
} from '@jixiao/db/rectification.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assertCan,
  assertCanTable,
  auditActor,
  readScope,
  signedIn,
  tableResource,
} from '../auth/authorize.ts';
import { ruleSetForRequest } from '../guards/rule-set.guards.ts';
import { sendUploadedFile } from '../http/send-document.ts';
import { downloadRectificationEvidence } from '../use-cases/evidence-download.ts';
import { evidenceMediaType, evidenceTooLarge } from '../use-cases/evidence-file.ts';

const tableParams = z.object({ id: z.string().uuid() });

async function selfEvaluationProblemsOf(db: Database, record: TableRecord) {
  const stored = await getSelfEvaluation(db, record.id);
  if (!stored) {
    throw new AppError(
      'rectification.no_self_evaluation',
      '该表尚未填报绩效自评，无法发起整改',
      'The table has no self-evaluation to open tasks from',
      { path: 'id' },
    );
  }
  const score = scoreSelfEvaluation(record.table, stored.entry, getScoringScheme(stored.schemeId));
  // The table's rule set says how large a re-check gap opens a task.
  const set = await ruleSetForRequest(db, 'auto', record.table);
  return rectificationProblems(record.table, score, set.params.rectificationRecheckGap);
}

/** The problems of the report at `cutOffMonth`, else of the latest one: red lights and 完全不可能 targets. */
async function monitoringProblemsOf(db: Database, record: TableRecord, cutOffMonth: number | undefined) {
  const month = cutOffMonth ?? (await latestMonitoringMonth(db, record.id));
  const stored = month === null ? null : await getMonitoringReport(db, record.id, month);
  if (!stored) {
    throw new AppError(
      'rectification.no_monitoring',
      '该表尚未填报运行监控，无法据此发起整改',
      'The table has no monitoring report to open tasks from',
      { path: cutOffMonth === undefined ? 'id' : 'cutOffMonth' },
    );
  }
  const assessment = assessMonitoring(record.table, stored.report, DEFAULT_MONITORING_SCHEME);
  return monitoringProblems(record.table, stored.report, assessment);
}
const taskList = z.object({ items: z.array(rectificationTaskSchema) });
const taskId = z.string().uuid().describe('The task (GET /api/tables/:id/rectifications lists them)');
const evidenceParams = tableParams.extend({ taskId });
const evidenceFileParams = evidenceParams.extend({
  fileId: z.string().uuid().describe('The file (a task’s `files` list them)'),
});
/** Multipart framing around the file: boundaries and part headers. */
const multipartOverhead = 64 * 1024;

function noFile(): AppError {
  return new AppError(
    'rectification.no_file',
    '请选择要上传的佐证文件（表单字段 file）',
    'Choose an evidence file to upload (form field "file")',
    { path: 'file' },
  );
}

function isFileTooLarge(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';
}

/**
 * 整改 and 结果应用: reviewers above the unit open a task per problem of a scored self-evaluation, the unit
 * answers with measures (table.report), the reviewer closes it (table.adjust_score); next year's review of
 * the project shows last year's grade, open tasks and the rule set's budget-linkage suggestion, and the
 * reviewer records a decision with a reason. Every change is audited.
 */
export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/tables/:id/rectifications',
    {
      schema: {
        tags: ['rectification'],
        summary:
          'Open 整改 tasks from the table’s scored self-evaluation (missed indicators, grade 中/差, re-check gap) or its monitoring (red lights, targets marked 完全不可能)',
        params: tableParams,
        body: rectificationOpenSchema,
        response: { 200: taskList },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.adjust_score', record);
      const problems =
        request.body.from === 'monitoring'
          ? await monitoringProblemsOf(app.db, record, request.body.cutOffMonth)
          : await selfEvaluationProblemsOf(app.db, record);
      const items = await openRectifications(app.db, {
        tableId: record.id,
        problems,
        deadline: request.body.deadline,
        actor: auditActor(request),
      });
      return { items };
    },
  );

  app.get(
    '/tables/:id/rectifications',
    {
      schema: {
        tags: ['rectification'],
        summary: 'The 整改 tasks of a table',
        params: tableParams,
        response: { 200: taskList },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      return { items: await listRectifications(app.db, { tableId: record.id }) };
    },
  );

  app.post(
    '/tables/:id/rectifications/answer',
    {
      schema: {
        tags: ['rectification'],
        summary: 'The unit answers a 整改 task with its measures',
        params: tableParams,
        body: rectificationAnswerSchema.extend({ taskId }),
        response: { 200: rectificationTaskSchema },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.report', record);
      const { taskId: id, ...answer } = request.body;
      return answerRectification(app.db, record.id, id, answer, auditActor(request));
    },
  );

  app.post(
    '/tables/:id/rectifications/close',
    {
      schema: {
        tags: ['rectification'],
        summary: 'The reviewer closes an answered 整改 task',
        params: tableParams,
        body: rectificationCloseSchema.extend({ taskId }),
        response: { 200: rectificationTaskSchema },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.adjust_score', record);
      return closeRectification(
        app.db,
        record.id,
        request.body.taskId,
        request.body.note ?? null,
        auditActor(request),
      );
    },
  );

  app.post(
    '/tables/:id/rectifications/return',
    {
      schema: {
        tags: ['rectification'],
        summary:
          'The reviewer sends an answered 整改 task back to the unit with the reason (退回重新整改): open again; audited as rectification.return',
        params: tableParams,
        body: rectificationReturnSchema.extend({ taskId }),
        response: { 200: rectificationTaskSchema },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.adjust_score', record);
      return returnRectification(
        app.db,
        record.id,
        request.body.taskId,
        request.body.note,
        auditActor(request),
      );
    },
  );

  app.post(
    '/tables/:id/rectifications/:taskId/evidence',
    {
      schema: {
        tags: ['rectification'],
        summary:
          'The unit attaches an evidence file to its answer (multipart field "file"; PDF, PNG/JPEG/WebP/GIF, Word/Excel/PowerPoint, read from the content; 10 MiB, 10 a task; audited)',
        consumes: ['multipart/form-data'],
        params: evidenceParams,
        response: { 201: rectificationTaskSchema },
      },
      // Refused on its declared length before a byte of the body is read.
      onRequest: async (request) => {
        const declared = Number(request.headers['content-length']);
        if (declared > evidenceMaxBytes + multipartOverhead) throw evidenceTooLarge(null);
      },
    },
    async (request, reply) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.report', record);
      if (!request.isMultipart()) throw noFile();
      let file: { name: string; bytes: Uint8Array } | null = null;
      try {
        const part = await request.file({ limits: { fileSize: evidenceMaxBytes, files: 1 } });
        if (part) file = { name: part.filename || 'evidence', bytes: new Uint8Array(await part.toBuffer()) };
      } catch (error) {
        if (isFileTooLarge(error)) throw evidenceTooLarge(null);
        throw error;
      }
      if (!file) throw noFile();
      const mediaType = await evidenceMediaType(file.name, file.bytes);
      const task = await addRectificationEvidence(app.db, {
        tableId: record.id,
        taskId: request.params.taskId,
        file: { ...file, mediaType },
        maxFiles: evidenceMaxFiles,
        actor: auditActor(request),
      });
      return reply.code(201).send(task);
    },
  );

  app.get(
    '/tables/:id/rectifications/:taskId/evidence/:fileId',
    {
      schema: {
        tags: ['rectification'],
        summary:
          'An evidence file of a 整改 task, as a download (table readers: the reviewer and the unit; audited as rectification.evidence_download)',
        params: evidenceFileParams,
      },
    },
    async (request, reply) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      const file = await downloadRectificationEvidence(app.db, {
        tableId: record.id,
        taskId: request.params.taskId,
        fileId: request.params.fileId,
        actor: auditActor(request),
      });
      // The content was read as one of the allowed kinds on upload; it still goes out as an attachment.
      return sendUploadedFile(reply, file, file.mediaType);
    },
  );

  app.delete(
    '/tables/:id/rectifications/:taskId/evidence/:fileId',
    {
      schema: {
        tags: ['rectification'],
        summary: 'The unit removes an evidence file from a task not yet closed (audited)',
        params: evidenceFileParams,
        response: { 200: rectificationTaskSchema },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.report', record);
      return removeRectificationEvidence(app.db, {
        tableId: record.id,
        taskId: request.params.taskId,
        fileId: request.params.fileId,
        actor: auditActor(request),
      });
    },
  );

  app.get(
    '/rectifications',
    {
      onRequest: signedIn,
      schema: {
        tags: ['rectification'],
        summary: '整改 tasks of the tables the caller reads (the workbench), oldest deadline first',
        querystring: z.object({ status: rectificationStatusSchema.optional() }),
        response: { 200: taskList },
      },
    },
    async (request) => {
      const scope = await readScope(request, app.db);
      const items = await listRectifications(app.db, {
        scope,
        ...(request.query.status ? { status: request.query.status } : {}),
      });
      return { items };
    },
  );

  app.get(
    '/tables/:id/linkage',
    {
      schema: {
        tags: ['rectification'],
        summary:
          'Budget linkage (结果应用): last year’s grade, its open 整改 tasks, the suggestion and the decision',
        params: tableParams,
        response: { 200: budgetLinkageSchema },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      const previous = await previousEvaluation(app.db, record.table);
      const set = await ruleSetForRequest(app.db, 'auto', record.table);
      const openTasks = previous
        ? (await listRectifications(app.db, { tableId: previous.tableId })).filter(
            (t) => t.status !== 'closed',
          )
        : [];
      return {
        previous,
        openTasks,
        suggestion: previous ? linkageSuggestion(previous.grade, set.params.linkageReduceShare) : null,
        decision: await getLinkageDecision(app.db, record.id),
      };
    },
  );

  app.put(
    '/tables/:id/linkage',
    {
      schema: {
        tags: ['rectification'],
        summary: 'Record the reviewer’s budget-linkage decision on the table, with the reason (audited)',
        params: tableParams,
        body: linkageDecisionInputSchema,
        response: { 200: budgetLinkageSchema.shape.decision },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      // Whoever reviews the table now (department, then finance) decides.
      const resource = await tableResource(app.db, record);
      const stage = record.status === 'submitted' ? 'table.review_department' : 'table.review_finance';
      assertCan(request, stage, resource);
      const previous = await previousEvaluation(app.db, record.table);
      const set = await ruleSetForRequest(app.db, 'auto', record.table);
      await saveLinkageDecision(app.db, {
        tableId: record.id,
        previous,
        suggestion: previous ? linkageSuggestion(previous.grade, set.params.linkageReduceShare).kind : null,
        decision: request.body,
        actor: auditActor(request),
      });
      return getLinkageDecision(app.db, record.id);
    },
  );
};
