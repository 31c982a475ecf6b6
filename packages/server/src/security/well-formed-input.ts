import { AppError } from '@jixiao/core/errors/app-error';
import type { FastifyInstance } from 'fastify';

// Without the `u` flag the pattern sees UTF-16 code units: a high surrogate not followed by a low one, or a
// low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string holding a lone UTF-16 surrogate (`"\ud800"` in JSON): such text cannot be
 * encoded as UTF-8, so PostgreSQL, exports and other clients would each fail on it in their own way.
 */
export function loneSurrogatePath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return loneSurrogate.test(value) ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = loneSurrogatePath(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = loneSurrogatePath(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

function invalidCharacters(path: string): AppError {
  return new AppError(
    'request.invalid_characters',
    `内容含有无效字符（不成对的 UTF-16 代理项），请删除后重试（${path || '请求'}）`,
    `The content holds an invalid character (an unpaired UTF-16 surrogate); remove it and try again (${path || 'request'})`,
    { path },
  );
}

/**
 * Refuses, before validation, any request whose JSON body, query string or path parameters hold a lone
 * surrogate, naming the field (400 request.invalid_characters). Registered on the root app before the
 * routes, so it covers every route.
 */
export function registerWellFormedInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.body, request.query, request.params]) {
      const path = loneSurrogatePath(part);
      if (path !== null) throw invalidCharacters(path);
    }
  });
}
