import { AppError } from '@jixiao/core/errors/app-error';
import { evidenceMaxBytes } from '@jixiao/core/rectification/evidence-files.limits';
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
import { listRectifications } from '@jixiao/db/rectification.repository';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readScope, signedIn } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { sendUploadedFile } from '../http/send-document.ts';
import { downloadRectificationEvidence } from '../use-cases/evidence-download.ts';
import { evidenceTooLarge } from '../use-cases/evidence-file.ts';
import {
  answerRectificationTask,
  attachRectificationEvidence,
  budgetLinkage,
  closeRectificationTask,
  decideBudgetLinkage,
  openRectificationTasks,
  removeRectificationEvidenceFile,
  returnRectificationTask,
  tableRectifications,
  type UploadedEvidence,
} from '../use-cases/rectification.ts';

const tableParams = z.object({ id: z.string().uuid() });
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

/** The one file of a multipart upload (field "file"), read only when the use case asks for it. */
async function uploadedFile(request: FastifyRequest): Promise<UploadedEvidence> {
  if (!request.isMultipart()) throw noFile();
  let file: UploadedEvidence | null = null;
  try {
    const part = await request.file({ limits: { fileSize: evidenceMaxBytes, files: 1 } });
    if (part) file = { name: part.filename || 'evidence', bytes: new Uint8Array(await part.toBuffer()) };
  } catch (error) {
    if (isFileTooLarge(error)) throw evidenceTooLarge(null);
    throw error;
  }
  if (!file) throw noFile();
  return file;
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
    async (request) => ({
      items: await openRectificationTasks(app.db, callerOf(request), request.params.id, request.body),
    }),
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
    async (request) => ({
      items: await tableRectifications(app.db, callerOf(request), request.params.id),
    }),
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
      const { taskId, ...answer } = request.body;
      return answerRectificationTask(app.db, callerOf(request), request.params.id, taskId, answer);
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
    async (request) =>
      closeRectificationTask(
        app.db,
        callerOf(request),
        request.params.id,
        request.body.taskId,
        request.body.note ?? null,
      ),
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
    async (request) =>
      returnRectificationTask(
        app.db,
        callerOf(request),
        request.params.id,
        request.body.taskId,
        request.body.note,
      ),
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
      const { id, taskId } = request.params;
      const task = await attachRectificationEvidence(app.db, callerOf(request), id, taskId, () =>
        uploadedFile(request),
      );
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
      const { id, taskId, fileId } = request.params;
      const file = await downloadRectificationEvidence(app.db, callerOf(request), {
        tableId: id,
        taskId,
        fileId,
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
      const { id, taskId, fileId } = request.params;
      return removeRectificationEvidenceFile(app.db, callerOf(request), id, taskId, fileId);
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
    async (request) => budgetLinkage(app.db, callerOf(request), request.params.id),
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
    async (request) => decideBudgetLinkage(app.db, callerOf(request), request.params.id, request.body),
  );
};
