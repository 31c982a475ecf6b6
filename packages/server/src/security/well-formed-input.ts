import { AppError } from '@jixiao/core/errors/app-error';
import type { FastifyInstance } from 'fastify';

// Without the `u` flag the pattern sees UTF-16 code units: a high surrogate not followed by a low one, or a
// low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string holding a lone UTF-16 surrogate (`"\ud800"` in JSON): such text cannot be
 * encoded as UTF-8, so PostgreSQL, exports and other clients would each fail on it in their own way.
 * Walks with its own stack, so a body nested 200,000 deep (refused later by validation) cannot overflow it.
 */
export function loneSurrogatePath(root: unknown): string | null {
  interface Node {
    value: unknown;
    key: string;
    parent: Node | null;
  }
  const pathOf = (node: Node) => {
    const keys: string[] = [];
    for (let n: Node | null = node; n?.parent; n = n.parent) keys.push(n.key);
    return keys.reverse().join('.');
  };
  const stack: Node[] = [{ value: root, key: '', parent: null }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const { value } = node;
    if (typeof value === 'string') {
      if (loneSurrogate.test(value)) return pathOf(node);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], key: String(i), parent: node });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        stack.push({ value: item, key, parent: node });
      }
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
