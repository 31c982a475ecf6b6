import { AppError } from '@jixiao/core/errors/app-error';
import { type ErrorCode, statusOf } from '@jixiao/core/errors/error-codes';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

const zhErrors = z.locales.zhCN().localeError;
const enErrors = z.locales.en().localeError;

type Issue = NonNullable<Problem['issues']>[number];

/** Builds a problem+json body for an AppError. */
export function appErrorProblem(error: AppError, status = statusOf(error.code)): Problem {
  const problem: Problem = {
    type: `https://jixiao.dev/problems/${error.code}`,
    title: error.en,
    status,
    code: error.code,
    zh: error.zh,
    en: error.en,
  };
  if (error.location?.path !== undefined) problem.path = error.location.path;
  if (error.location?.line !== undefined) problem.line = error.location.line;
  if (error.location?.column !== undefined) problem.column = error.location.column;
  if (error.details?.candidates !== undefined) problem.candidates = error.details.candidates;
  if (error.details?.duplicates !== undefined) problem.duplicates = error.details.duplicates;
  return problem;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function localised(errorMap: typeof zhErrors, issue: Record<string, unknown>, fallback: string): string {
  const result = errorMap(issue as Parameters<typeof zhErrors>[0]);
  if (typeof result === 'string') return result;
  return result?.message ?? fallback;
}

const partNames: Record<string, { zh: string; en: string }> = {
  body: { zh: '请求体', en: 'request body' },
  querystring: { zh: '查询参数', en: 'query string' },
  params: { zh: '路径参数', en: 'path parameters' },
  headers: { zh: '请求头', en: 'headers' },
};

/** Turns zod validation failures of a request into one 400 problem listing every failing field path. */
export function validationProblem(error: FastifyError, request: FastifyRequest): Problem {
  const context = (error.validationContext ?? 'body') as keyof typeof partNames;
  const source: unknown =
    context === 'querystring'
      ? request.query
      : context === 'params'
        ? request.params
        : context === 'headers'
          ? request.headers
          : request.body;
  const issues: Issue[] = [];
  if (hasZodFastifySchemaValidationErrors(error)) {
    for (const failure of error.validation) {
      const path = failure.instancePath.split('/').filter(Boolean);
      const keys = path.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      const raw = {
        ...failure.params,
        code: failure.keyword,
        path: keys,
        input: valueAt(source, keys),
        message: failure.message,
      };
      const en =
        failure.keyword === 'custom'
          ? (failure.message ?? 'Invalid value')
          : localised(enErrors, raw, failure.message ?? '');
      const zh =
        failure.keyword === 'custom' ? `取值无效：${failure.message ?? ''}` : localised(zhErrors, raw, en);
      issues.push({ path: path.join('.'), code: failure.keyword, zh, en });
    }
  } else {
    for (const failure of error.validation ?? []) {
      const path = failure.instancePath.split('/').filter(Boolean).join('.');
      const en = failure.message ?? 'Invalid value';
      issues.push({ path, code: failure.keyword, zh: `取值无效：${en}`, en });
    }
  }
  const part = partNames[context] ?? { zh: '请求', en: 'request' };
  const first = issues[0];
  const where = (issue: Issue) => (issue.path ? `${issue.path}: ` : '');
  const problem: Problem = {
    type: 'https://jixiao.dev/problems/request.invalid',
    title: 'Invalid request',
    status: 400,
    code: 'request.invalid',
    zh: `${part.zh}有 ${issues.length} 处不符合要求${first ? `；${where(first)}${first.zh}` : ''}`,
    en: `The ${part.en} has ${issues.length} invalid field(s)${first ? `; ${where(first)}${first.en}` : ''}`,
    issues,
  };
  if (first?.path) problem.path = first.path;
  return problem;
}

/** Fastify's own errors (bad JSON, body too large, unsupported media type) as bilingual problems. */
function frameworkProblem(error: FastifyError): Problem | null {
  const status = error.statusCode ?? 500;
  const make = (code: ErrorCode | `http.${number}`, zh: string, en: string): Problem => ({
    type: `https://jixiao.dev/problems/${code}`,
    title: en,
    status,
    code,
    zh,
    en,
  });
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return make(
        'request.bad_json',
        `请求体不是有效的 JSON：${error.message}`,
        `The body is not valid JSON: ${error.message}`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return make('request.too_large', '请求内容过大', 'The request is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return make('request.unsupported_media_type', '不支持的内容类型', 'Unsupported content type');
    // PostgreSQL refuses NUL characters in text and jsonb; they come from pasted binary junk.
    case '22P05':
    case '22021':
      return {
        ...make(
          'request.invalid_characters',
          '内容含有数据库无法保存的字符（如 NUL 空字符），请删除后重试',
          'The content has characters the database cannot store (such as NUL); remove them and try again',
        ),
        status: 400,
      };
    // A value past what a database column holds (an integer id past 2^31, a year of 1e20, an amount past
    // numeric(16,2)) or past a limit of the engine (an index entry too long): the request's value is out
    // of range, whichever route let it through.
    case '22003':
    case '22008':
    case '54000':
      return {
        ...make(
          'request.out_of_range',
          '请求中的数值或文本超出了可保存的范围，请检查后重试',
          'A number or text in the request is beyond what can be stored; check it and try again',
        ),
        status: 400,
      };
    default:
      // busboy's words for a multipart body that ends early or is malformed (a truncated upload).
      if (
        /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found)/.test(
          error.message,
        )
      ) {
        return {
          ...make(
            'request.bad_multipart',
            '上传的数据不完整或格式有误，请重新上传',
            'The upload is incomplete or malformed; upload the file again',
          ),
          status: 400,
        };
      }
      if (status >= 400 && status < 500) {
        return make(`http.${status}`, `请求无法处理（HTTP ${status}）：${error.message}`, error.message);
      }
      return null;
  }
}

/** The single error handler of the app: every failure leaves as problem+json with zh/en text. */
export function sendProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let problem: Problem;
  if (error instanceof AppError) {
    problem = appErrorProblem(error);
  } else if (error.validation) {
    problem = validationProblem(error, request);
  } else {
    problem = frameworkProblem(error) ?? {
      type: 'https://jixiao.dev/problems/server.internal',
      title: 'Internal server error',
      status: 500,
      code: 'server.internal',
      zh: '服务器内部错误，请稍后重试或联系管理员',
      en: 'Internal server error; try again later or contact the administrator',
    };
  }
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** The 404 for unknown API routes, as problem+json. */
export function notFoundProblem(method: string, url: string): Problem {
  return {
    type: 'https://jixiao.dev/problems/route.not_found',
    title: 'Not found',
    status: 404,
    code: 'route.not_found',
    zh: `找不到该接口：${method} ${url}`,
    en: `No such endpoint: ${method} ${url}`,
  };
}
